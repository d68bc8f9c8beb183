using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WsoClusterPS.Tests.Support;

/// <summary>A self-signed certificate for wso2.is and 127.0.0.1, made in the test, with PEM files for NGINX.</summary>
public sealed class TestCertificate
{
    /// <param name="expiredDaysAgo">Make it one that expired that many days ago.</param>
    public TestCertificate(string folder, string name = "wso2.is", int? expiredDaysAgo = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1 - 2 * (expiredDaysAgo ?? 0)),
            DateTimeOffset.UtcNow.AddDays(expiredDaysAgo is int days ? -days : 30));
        Certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        CertificatePath = Path.Combine(folder, name + ".crt");
        KeyPath = Path.Combine(folder, name + ".key");
        File.WriteAllText(CertificatePath, created.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Certificate { get; }
    public string CertificatePath { get; }
    public string KeyPath { get; }
}
