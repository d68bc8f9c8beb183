using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>A certificate added to a node's truststore under an alias, the rest of the store kept as it is.</summary>
    public static class TruststoreImport
    {
        // Java reads a certificate of a PKCS12 store as trusted only with this attribute (Oracle's trusted key usage).
        private static readonly DerObjectIdentifier TrustedKeyUsage = new DerObjectIdentifier("2.16.840.1.113894.746875.1.1");

        /// <returns>The store's new bytes, or null when it already trusts the certificate under the alias.</returns>
        public static byte[] With(byte[] content, VaultKeystoreType type, string password, string alias, X509Certificate certificate,
            string where)
        {
            try
            {
                using (var output = new MemoryStream())
                {
                    if (type == VaultKeystoreType.Jks)
                    {
                        var jks = new JksStore();
                        using (var input = new MemoryStream(content)) jks.Load(input, password.ToCharArray());
                        if (jks.IsCertificateEntry(alias) && jks.GetCertificate(alias).Equals(certificate)) return null;
                        if (jks.ContainsAlias(alias)) jks.DeleteEntry(alias);
                        jks.SetCertificateEntry(alias, certificate);
                        jks.Save(output, password.ToCharArray());
                    }
                    else
                    {
                        var pkcs12 = new Pkcs12StoreBuilder()
                            .SetCertAlgorithm(Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc).Build();
                        using (var input = new MemoryStream(content)) pkcs12.Load(input, password.ToCharArray());
                        if (pkcs12.IsCertificateEntry(alias) && pkcs12.GetCertificate(alias).Certificate.Equals(certificate)) return null;
                        if (pkcs12.ContainsAlias(alias)) pkcs12.DeleteEntry(alias);
                        pkcs12.SetCertificateEntry(alias, new X509CertificateEntry(certificate, new Dictionary<DerObjectIdentifier, Asn1Encodable>
                        {
                            [TrustedKeyUsage] = KeyPurposeID.AnyExtendedKeyUsage,
                        }));
                        pkcs12.Save(output, password.ToCharArray(), new SecureRandom());
                    }
                    return output.ToArray();
                }
            }
            catch (Exception e) when (e is IOException || e is ArgumentException || e is InvalidCastException || e is InvalidOperationException)
            {
                throw new VaultKeystoreException($"The truststore {where} cannot be read as {type.ToString().ToUpperInvariant()} with its " +
                    $"password ({e.Message}). Check [truststore] in deployment.toml, or give -TruststoreCredential; nothing was written.", e);
            }
        }
    }
}
