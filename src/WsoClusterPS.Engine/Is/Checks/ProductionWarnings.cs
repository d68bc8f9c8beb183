using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>
    /// What WSO2's production guidelines warn of and a running cluster hides: the stock keystore,
    /// the stock encryption key, a certificate near or past its end. Warnings, not failures: the
    /// cluster works, until someone else holds the same key or the date passes.
    /// </summary>
    public static class ProductionWarnings
    {
        /// <param name="balancerCertificate">The certificate the balancer served, or null.</param>
        public static IEnumerable<ClusterCheckResult> Results(IReadOnlyList<NodeFacts> nodes, (string Target, string Subject,
            DateTime NotAfter)? balancerCertificate, int certificateWarningDays, DateTime now)
        {
            var stock = nodes.SelectMany(n => n.Keys.Where(k => k.Certificate.IsStock).Select(k => (n.Node.Name, k.Store, k.Certificate)))
                .ToList();
            if (nodes.All(n => n.Keys.Count == 0))
                yield return new ClusterCheckResult(CheckName.StockKeystore, ClusterCheck.Cluster, CheckOutcome.Warning,
                    "no node's key could be read (a PKCS12 keystore whose password is sealed cannot be opened here), so the stock " +
                    "keystore was not looked for");
            else if (stock.Count == 0)
                yield return new ClusterCheckResult(CheckName.StockKeystore, ClusterCheck.Cluster, true,
                    "no node uses WSO2's stock keystore");
            foreach (var node in stock.GroupBy(s => s.Name))
                yield return new ClusterCheckResult(CheckName.StockKeystore, node.Key, CheckOutcome.Warning, string.Join("; ",
                    node.Select(s => $"{s.Store}: alias {s.Certificate.Alias} is WSO2's stock certificate ({s.Certificate.Subject})")) +
                    ". Its private key ships in every pack, so anyone can sign as this cluster; give it keys of its own (Set-IsKeystore)");

            var stockKey = nodes.Where(n => n.StockEncryptionKey).ToList();
            if (stockKey.Count == 0)
                yield return new ClusterCheckResult(CheckName.StockEncryptionKey, ClusterCheck.Cluster, true,
                    "every node sets an [encryption] key of its own");
            foreach (var node in stockKey)
                yield return new ClusterCheckResult(CheckName.StockEncryptionKey, node.Node.Name, CheckOutcome.Warning,
                    "[encryption] key is not set, so the server encrypts with the key built into every pack; set one for the whole " +
                    "cluster (Set-IsKeystore -EncryptionKey) before the database holds data, since data encrypted with the old key " +
                    "cannot be read with a new one");

            var certificates = nodes.SelectMany(n => n.Keys.Select(k => (Target: n.Node.Name, What: $"{k.Store} alias {k.Certificate.Alias}",
                    k.Certificate.NotAfter)))
                .Concat(balancerCertificate is (string balancer, string subject, DateTime notAfter)
                    ? new[] { (Target: balancer, What: $"the balancer's certificate ({subject})", NotAfter: notAfter) }
                    : new (string Target, string What, DateTime NotAfter)[0])
                .ToList();
            var soon = certificates.Where(c => c.NotAfter < now.AddDays(certificateWarningDays)).ToList();
            if (certificates.Count == 0)
                yield return new ClusterCheckResult(CheckName.CertificateExpiry, ClusterCheck.Cluster, CheckOutcome.Warning,
                    "no certificate could be read, so none was checked for expiry");
            else if (soon.Count == 0)
            {
                var first = certificates.OrderBy(c => c.NotAfter).First();
                yield return new ClusterCheckResult(CheckName.CertificateExpiry, ClusterCheck.Cluster, CheckOutcome.Passed,
                    $"all {certificates.Count} certificates are valid for more than {certificateWarningDays} days (the first to expire: " +
                    $"{first.What} on {first.Target}, {Day(first.NotAfter)})");
            }
            foreach (var target in soon.GroupBy(c => c.Target))
                yield return new ClusterCheckResult(CheckName.CertificateExpiry, target.Key, CheckOutcome.Warning, string.Join("; ",
                    target.Select(c => c.NotAfter <= now
                        ? $"{c.What} expired on {Day(c.NotAfter)}"
                        : $"{c.What} expires on {Day(c.NotAfter)}, in {Math.Ceiling((c.NotAfter - now).TotalDays):0} days")) +
                    (balancerCertificate?.Target == target.Key
                        ? ". Renew it: New-NginxUpstream -Certificate, then Invoke-NginxReload"
                        : ". Renew it: Set-IsKeystore, then Restart-IsNode -Rolling"));
        }

        private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
