using System;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Engine.Is.Keystores
{
    /// <summary>What Set-IsKeystore asks for: the cluster's key, where and how it is stored, and what else changes with it.</summary>
    public sealed class KeystoreRequest
    {
        /// <summary>The key pair for every node; null when only the encryption key changes.</summary>
        public ClusterKey Key { get; set; }

        /// <summary>Null: the type of the node's primary keystore now (PKCS12 from IS 7.1, JKS before).</summary>
        public VaultKeystoreType? StoreType { get; set; }

        /// <summary>Null: the primary keystore's alias now (wso2carbon), so what refers to it keeps working.</summary>
        public string Alias { get; set; }

        /// <summary>A bare file name in repository/resources/security; null: cluster-keystore.p12 or .jks.</summary>
        public string FileName { get; set; }

        /// <summary>The password the new keystore and its key get.</summary>
        public string Password { get; set; }

        /// <summary>Set [keystore.tls] to the new keystore too.</summary>
        public bool Tls { get; set; }

        /// <summary>Generate one [encryption] key for every node.</summary>
        public bool EncryptionKey { get; set; }

        /// <summary>Where [keystore.internal] falls back to the primary keystore, pin it to the one in use instead of replacing it.</summary>
        public bool KeepInternalKeystore { get; set; }

        /// <summary>Replace keys even where data was encrypted with them, and a keystore of the cluster's own with a new one.</summary>
        public bool Force { get; set; }

        /// <summary>The truststore's password where deployment.toml seals it; null: the file's own.</summary>
        public string TruststorePassword { get; set; }

        /// <summary>The password of the keystore Secure Vault seals with, asked only when a node uses Secure Vault.</summary>
        public Func<string> VaultPassword { get; set; }

        /// <summary>An account to ask the database whether it holds data; null: the one deployment.toml gives in plain text.</summary>
        public DatabaseAccount DatabaseAccount { get; set; }
    }
}
