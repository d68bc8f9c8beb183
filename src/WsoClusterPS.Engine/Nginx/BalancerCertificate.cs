using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>
    /// The balancer's certificate as NGINX reads it: the chain as PEM (leaf first) and the key as
    /// PKCS#8 PEM, readable by its owner only. Written only where the bytes differ; the key's bytes
    /// are never shown.
    /// </summary>
    public static class BalancerCertificate
    {
        public static IReadOnlyList<FileWrite> Plan(IHost host, string certificatePath, string keyPath, ClusterKey key)
        {
            foreach (var folder in new[] { certificatePath, keyPath }.Select(p => host.SplitPath(p).Parent).Distinct())
                if (!host.DirectoryExists(folder))
                    throw new System.IO.DirectoryNotFoundException($"The folder '{folder}' for the balancer's certificate does not exist on " +
                        $"{host.Name}. Create it (readable by root only), or give -CertificatePath and -CertificateKeyPath; nothing was " +
                        "written.");
            var until = key.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new[]
            {
                Write(host, certificatePath, key.PemChain(), holdsSecret: false,
                    $"the balancer's certificate chain (PEM): {key.Subject}, SHA-256 {key.Fingerprint}, valid until {until}"),
                Write(host, keyPath, key.PemKey(), holdsSecret: true, $"the balancer's private key for {key.Subject} (PEM, owner only)"),
            }.Where(w => w != null).ToList();
        }

        private static FileWrite Write(IHost host, string path, string pem, bool holdsSecret, string description)
        {
            var bytes = Encoding.ASCII.GetBytes(pem);
            return host.FileExists(path) && host.ReadAllBytes(path).AsSpan().SequenceEqual(bytes) && (!holdsSecret ||
                (host.Permissions(path) & 0x3F) == 0)
                ? null
                : new FileWrite(host, path, bytes, holdsSecret, description);
        }
    }
}
