using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// The certificates of a JKS or PKCS12 store, by alias. A JKS keeps its certificates in the
    /// clear, so it is read without its password when the password is sealed; a PKCS12 encrypts
    /// them, so it needs its password.
    /// </summary>
    public static class KeystoreCertificates
    {
        /// <returns>The entries, or null when the store cannot be opened without a password it was not given.</returns>
        /// <exception cref="VaultKeystoreException">The store is damaged, or the password does not open it.</exception>
        public static IReadOnlyList<StoredCertificate> Read(byte[] content, VaultKeystoreType type, string password, string where)
        {
            try
            {
                if (type == VaultKeystoreType.Jks)
                {
                    var jks = new JksStore();
                    using (var stream = new MemoryStream(content))
                    {
                        if (password == null) jks.LoadUnchecked(stream);
                        else jks.Load(stream, password.ToCharArray());
                    }
                    return jks.Aliases.Select(a => Entry(a, jks.IsKeyEntry(a), jks.GetCertificate(a))).ToList();
                }
                if (password == null) return null;
                var pkcs12 = new Pkcs12StoreBuilder().Build();
                using (var stream = new MemoryStream(content)) pkcs12.Load(stream, password.ToCharArray());
                return pkcs12.Aliases.Select(a => Entry(a, pkcs12.IsKeyEntry(a), pkcs12.GetCertificate(a)?.Certificate)).ToList();
            }
            catch (Exception e) when (e is IOException || e is ArgumentException || e is IndexOutOfRangeException ||
                                      e is InvalidCastException || e is InvalidOperationException)
            {
                throw new VaultKeystoreException($"The keystore {where} cannot be read as {type.ToString().ToUpperInvariant()} with the " +
                    $"password deployment.toml gives ({e.Message}).", e);
            }
        }

        /// <summary>A certificate's SHA-256 fingerprint as keytool prints it.</summary>
        public static string Fingerprint(byte[] der)
        {
            var hex = WsoClusterPS.Engine.Hosts.FileSha256.Of(der).ToUpperInvariant();
            return string.Join(":", Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));
        }

        private static StoredCertificate Entry(string alias, bool isKey, X509Certificate certificate) =>
            certificate == null
                ? new StoredCertificate(alias, isKey, "(no certificate)", "", DateTime.MaxValue, false, null)
                : new StoredCertificate(alias, isKey, Fingerprint(certificate.GetEncoded()), certificate.SubjectDN.ToString(true, X509Name.DefaultSymbols),
                    certificate.NotAfter.ToUniversalTime(), StockKeys.IsStockCertificate(certificate), certificate.GetEncoded());
    }
}
