using System.Linq;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// repository/conf/security/secret-conf.properties as WSO2's cipher tool (1.1.x) writes it:
    /// the file repository of [secrets], and the keystore that decrypts it. The shipped file is all
    /// comments, and without it the server reads $secret{x} as the text "x".
    /// </summary>
    public static class SecretConf
    {
        /// <summary>Whether the node uses Secure Vault: sealed [secrets], or a secret-conf.properties that turns it on.</summary>
        public static bool IsOn(Is.Nodes.NodeRecord node, Toml.TomlEditor toml)
        {
            if (toml.Keys(Toml.DeploymentKeys.Secrets).Count > 0) return true;
            var path = Is.Nodes.IsLayout.SecretConf(node.Host, node.Home);
            return node.Host.FileExists(path) &&
                   Text.TextFile.Read(node.Host, path).Text.Split('\n').Any(l => l.Trim() == "secVault.enabled=true");
        }

        public static string Render(VaultKeystoreLocation keystore) =>
            "secVault.enabled=true\n" +
            "carbon.secretProvider=org.wso2.securevault.secret.handler.SecretManagerSecretCallbackHandler\n" +
            "secretRepositories=file\n" +
            "secretRepositories.file.provider=org.wso2.securevault.secret.repository.FileBaseSecretRepositoryProvider\n" +
            "secretRepositories.file.location=repository/conf/security/cipher-text.properties\n" +
            $"keystore.identity.location={keystore.Path}\n" +
            $"keystore.identity.type={(keystore.Type == VaultKeystoreType.Jks ? "JKS" : "PKCS12")}\n" +
            $"keystore.identity.alias={keystore.Alias}\n" +
            "keystore.identity.store.password=identity.store.password\n" +
            "keystore.identity.store.secretProvider=org.wso2.carbon.securevault.DefaultSecretCallbackHandler\n" +
            "keystore.identity.key.password=identity.key.password\n" +
            "keystore.identity.key.secretProvider=org.wso2.carbon.securevault.DefaultSecretCallbackHandler\n";
    }
}
