using System;
using System.Security.Cryptography.X509Certificates;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// A certificate with its private key, handed to the engine as a PFX sealed with a password that
    /// lives only in this process: how an X509Certificate2 (Get-AutomationCertificate) becomes the
    /// cluster's key or the balancer's. The issuers the machine knows go along, as a chain.
    /// </summary>
    internal static class CertificateTransfer
    {
        private static readonly string Password = Guid.NewGuid().ToString("N");

        public static ClusterKey ToKey(X509Certificate2 certificate)
        {
            if (!certificate.HasPrivateKey)
                throw new ArgumentException($"The certificate '{certificate.Subject}' has no private key: give the certificate with its " +
                    "key (an exportable Automation certificate, or a PFX). Nothing was written.");
            var bundle = new X509Certificate2Collection(certificate);
            using (var chain = new X509Chain())
            {
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllFlags;
                chain.Build(certificate);
                for (var i = 1; i < chain.ChainElements.Count; i++)
                {
                    var issuer = chain.ChainElements[i].Certificate;
                    if (issuer.Subject != issuer.Issuer) bundle.Add(issuer);
                }
            }
            byte[] pfx;
            try
            {
                pfx = bundle.Export(X509ContentType.Pkcs12, Password);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new ArgumentException($"The private key of '{certificate.Subject}' cannot be exported ({e.Message}): upload it to " +
                    "Azure Automation as exportable, or give a PFX. Nothing was written.", e);
            }
            return ClusterKey.FromPkcs12(pfx, Password, $"the certificate '{certificate.Subject}'");
        }
    }
}
