using System;
using System.IO;
using WsoClusterPS.Engine.Is.Keystores;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Engine.Plans
{
    /// <summary>A spec's Keystore: Set-IsKeystore's parameters, with credentials named, never given.</summary>
    public sealed class KeystoreSpec
    {
        /// <summary>Make a new RSA 3072 key (kept once the cluster has one).</summary>
        public bool New { get; set; }

        /// <summary>A PFX on this machine, and the name of the credential whose password opens it.</summary>
        public string PfxPath { get; set; }
        public string PfxCredential { get; set; }

        /// <summary>The name of the credential whose password the new keystore gets.</summary>
        public string Credential { get; set; }

        public bool Tls { get; set; }
        public bool EncryptionKey { get; set; }
        public bool KeepInternalKeystore { get; set; }
        public string Alias { get; set; }
        public string FileName { get; set; }
        public VaultKeystoreType? StoreType { get; set; }
        public int ValidityDays { get; set; } = 365;
        public string TruststoreCredential { get; set; }
        public string DatabaseCredential { get; set; }

        internal static KeystoreSpec Read(SpecTable table, Func<string, string> localPath)
        {
            var keystore = new KeystoreSpec
            {
                New = table.Bool(nameof(New)),
                PfxPath = table.String(nameof(PfxPath)) is string pfx ? localPath(pfx) : null,
                PfxCredential = table.String(nameof(PfxCredential)),
                Credential = table.String(nameof(Credential)),
                Tls = table.Bool(nameof(Tls)),
                EncryptionKey = table.Bool(nameof(EncryptionKey)),
                KeepInternalKeystore = table.Bool(nameof(KeepInternalKeystore)),
                Alias = table.String(nameof(Alias)),
                FileName = table.String(nameof(FileName)),
                StoreType = table.Enum<VaultKeystoreType>(nameof(StoreType)),
                ValidityDays = table.Int(nameof(ValidityDays), 1, 3650) ?? 365,
                TruststoreCredential = table.String(nameof(TruststoreCredential)),
                DatabaseCredential = table.String(nameof(DatabaseCredential)),
            };
            table.RefuseUnknownKeys();
            if (keystore.New && keystore.PfxPath != null)
                throw new SpecException("Keystore has both New and PfxPath: give one key, a new one or the PFX's.");
            if ((keystore.New || keystore.PfxPath != null) && keystore.Credential == null)
                throw new SpecException("Keystore has no Credential: name the credential whose password the new keystore gets.");
            if (keystore.PfxPath != null && keystore.PfxCredential == null)
                throw new SpecException("Keystore has PfxPath but no PfxCredential: name the credential whose password opens the PFX.");
            if (!keystore.New && keystore.PfxPath == null && !keystore.EncryptionKey)
                throw new SpecException("Keystore asks for nothing: give New = $true or PfxPath (a key), or EncryptionKey = $true.");
            return keystore;
        }

        /// <summary>What Set-IsKeystore would be asked, its credentials resolved; the key read or made here.</summary>
        internal KeystoreRequest Request(PlanContext context, string hostname, Func<string> vaultPassword)
        {
            string Password(string name) => name == null ? null : context.Credential(name).Password;
            var database = DatabaseCredential == null ? null : context.Credential(DatabaseCredential);
            return new KeystoreRequest
            {
                Key = New ? ClusterKey.New(hostname ?? "localhost", ValidityDays)
                    : PfxPath != null ? ClusterKey.FromPkcs12(File.ReadAllBytes(PfxPath), Password(PfxCredential), $"'{PfxPath}'") : null,
                StoreType = StoreType,
                Alias = Alias,
                FileName = FileName,
                Password = Password(Credential),
                Tls = Tls,
                EncryptionKey = EncryptionKey,
                KeepInternalKeystore = KeepInternalKeystore,
                TruststorePassword = Password(TruststoreCredential),
                VaultPassword = vaultPassword,
                DatabaseAccount = database == null ? null : new DatabaseAccount(database.UserName, database.Password),
            };
        }
    }
}
