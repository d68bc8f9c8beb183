using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// How a secret (a database password) goes into deployment.toml: as it is, or encrypted and
    /// referenced (WSO2 Secure Vault's <c>$secret{alias}</c>). The settings that hold a password
    /// write it through one of these, never with SetString themselves.
    /// </summary>
    public interface ISecretWriter
    {
        void Write(TomlEditor toml, string table, string key, string secret);
    }
}
