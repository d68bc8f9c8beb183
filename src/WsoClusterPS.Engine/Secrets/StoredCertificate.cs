using System;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>One entry's certificate in a keystore: what the agreement and expiry checks compare and report.</summary>
    public sealed class StoredCertificate
    {
        public StoredCertificate(string alias, bool isKey, string sha256, string subject, DateTime notAfter, bool isStock, byte[] der)
        {
            Der = der;
            Alias = alias;
            IsKey = isKey;
            Sha256 = sha256;
            Subject = subject;
            NotAfter = notAfter;
            IsStock = isStock;
        }

        public string Alias { get; }

        /// <summary>A private key's certificate (what the node signs and decrypts with), not a trusted one.</summary>
        public bool IsKey { get; }

        /// <summary>The certificate's SHA-256 fingerprint as keytool -list prints it (AB:CD:...).</summary>
        public string Sha256 { get; }

        public string Subject { get; }
        public DateTime NotAfter { get; }

        /// <summary>The certificate as DER, to trust it elsewhere; null for an entry without one.</summary>
        public byte[] Der { get; }

        /// <summary>WSO2's stock certificate (see <see cref="StockKeys"/>).</summary>
        public bool IsStock { get; }
    }
}
