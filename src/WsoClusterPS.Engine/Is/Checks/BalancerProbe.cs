using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using System;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>
    /// The balancer must pass requests to IS: WSO2's health endpoint answers 200 through it. With
    /// sticky sessions one client always reaches one node, so each node's own port is checked apart.
    /// A balancer that hangs, or shows a certificate clients would refuse, is one failed check.
    /// </summary>
    public sealed class BalancerProbe
    {
        public BalancerProbe(Uri uri, TimeSpan? timeout = null, bool skipCertificateCheck = false)
        {
            Uri = uri;
            Timeout = timeout ?? TimeSpan.FromSeconds(10);
            SkipCertificateCheck = skipCertificateCheck;
        }

        public Uri Uri { get; }
        public TimeSpan Timeout { get; }
        public bool SkipCertificateCheck { get; }

        /// <summary>The certificate the balancer served at the last <see cref="Check"/>, for the expiry check; null over HTTP.</summary>
        public (string Subject, DateTime NotAfter)? ServedCertificate { get; private set; }

        public ClusterCheckResult Check()
        {
            var url = new Uri(Uri, IsLayout.HealthPath);
            string refused = null;
            using (var handler = new HttpClientHandler())
            {
                handler.ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) =>
                {
                    if (certificate != null) ServedCertificate = (certificate.Subject, certificate.NotAfter.ToUniversalTime());
                    if (SkipCertificateCheck || errors == SslPolicyErrors.None) return true;
                    refused = Why(url.Host, certificate, chain, errors);
                    return false;
                };
                using (var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan })
                {
                    var started = DateTime.UtcNow;
                    try
                    {
                        var request = client.GetAsync(url);
                        // A balancer that accepts and never answers: the wait is bounded here, whatever HttpClient does.
                        if (!request.Wait(Timeout))
                            return Failed($"{url} did not answer within {Timeout.TotalSeconds:0} s (the balancer accepted the " +
                                "connection, or never did); check that NGINX and the nodes behind it run, or give more -TimeoutSeconds");
                        var response = request.Result;
                        var passed = (int)response.StatusCode == 200;
                        return new ClusterCheckResult(CheckName.LoadBalancer, Uri.ToString(), passed,
                            passed ? $"{url} answers 200 through the balancer in {(DateTime.UtcNow - started).TotalSeconds:0.0} s"
                                : $"{url} answers {(int)response.StatusCode} {response.ReasonPhrase}; check the vhost and that the nodes run");
                    }
                    catch (AggregateException e) when (e.InnerException is HttpRequestException || e.InnerException is TaskCanceledException)
                    {
                        return Failed(refused != null
                            ? $"{url}: {refused}. Clients would refuse it too; fix the balancer's certificate, or give " +
                              "-SkipCertificateCheck to check the rest"
                            : $"{url} cannot be reached: {Innermost(e).Message}");
                    }
                }
            }
        }

        private ClusterCheckResult Failed(string reason) => new ClusterCheckResult(CheckName.LoadBalancer, Uri.ToString(), false, reason);

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }

        /// <summary>What is wrong with the certificate, as an admin would put it: expired, for another name, not trusted.</summary>
        private static string Why(string host, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
        {
            var shown = certificate == null ? "no certificate" : $"the certificate '{certificate.Subject}'";
            var problems = new System.Collections.Generic.List<string>();
            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) problems.Add("the balancer sent no certificate");
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) problems.Add($"it is not for the name '{host}'");
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 && chain != null)
            {
                var expiry = certificate == null ? null : new X509Certificate2(certificate);
                foreach (var status in chain.ChainStatus.Select(s => s.Status).Distinct())
                {
                    switch (status)
                    {
                        case X509ChainStatusFlags.NotTimeValid:
                            problems.Add(expiry == null ? "it has expired or is not valid yet"
                                : expiry.NotAfter < DateTime.Now ? $"it expired on {expiry.NotAfter:yyyy-MM-dd}"
                                : $"it is valid only from {expiry.NotBefore:yyyy-MM-dd}");
                            break;
                        case X509ChainStatusFlags.UntrustedRoot:
                        case X509ChainStatusFlags.PartialChain:
                            problems.Add("its issuer is not trusted here (self-signed, or the chain is incomplete)");
                            break;
                        case X509ChainStatusFlags.Revoked:
                            problems.Add("it was revoked");
                            break;
                        case X509ChainStatusFlags.NoError:
                            break;
                        default:
                            problems.Add(status.ToString());
                            break;
                    }
                }
            }
            return $"{shown} is refused: {string.Join("; ", problems.Distinct())}";
        }
    }
}
