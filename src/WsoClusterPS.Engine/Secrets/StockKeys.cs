using System;
using System.Linq;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// WSO2's development keys, the same in every pack, that production must replace. The stock
    /// keystore is told by its certificate, never by its file name (a copy renamed is still stock):
    /// self-signed, for CN=localhost of O=WSO2 in L=Mountain View; WSO2 has re-issued it over the
    /// years (with and without OU=WSO2), always under that name. The stock [encryption] key is the
    /// one built into the product, in use wherever deployment.toml sets none.
    /// </summary>
    public static class StockKeys
    {
        public static bool IsStockCertificate(X509Certificate certificate)
        {
            var subject = certificate.SubjectDN;
            bool Has(DerObjectIdentifier part, string value) =>
                subject.GetValueList(part).Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
            return subject.Equivalent(certificate.IssuerDN) && Has(X509Name.CN, "localhost") && Has(X509Name.O, "WSO2") &&
                   Has(X509Name.L, "Mountain View");
        }

        /// <summary>The symmetric key the server encrypts with when <c>[encryption] key</c> is not set is the product's own.</summary>
        /// <param name="key">[encryption] key, or null.</param>
        /// <param name="cryptoProvider">[encryption] internal_crypto_provider, or null: symmetric unless it names the keystore-based one.</param>
        public static bool IsStockEncryptionKey(string key, string cryptoProvider) =>
            string.IsNullOrEmpty(key) &&
            (cryptoProvider == null || cryptoProvider.IndexOf("KeyStoreBased", StringComparison.OrdinalIgnoreCase) < 0);
    }
}
