using System;
using System.IO;
using System.Linq;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>
    /// One key pair and its certificate chain for the whole cluster: from a PFX, or made new (RSA
    /// 3072, SHA-256, the cluster's hostname as subject and SAN). Written as a JKS or PKCS12 once,
    /// so every node gets the same bytes.
    /// </summary>
    public sealed class ClusterKey
    {
        private readonly Lazy<(AsymmetricKeyParameter Key, X509Certificate[] Chain)> _pair;

        private ClusterKey(Func<(AsymmetricKeyParameter, X509Certificate[])> pair, bool isNew)
        {
            _pair = new Lazy<(AsymmetricKeyParameter, X509Certificate[])>(pair);
            IsNew = isNew;
        }

        private AsymmetricKeyParameter PrivateKey => _pair.Value.Key;
        private X509Certificate[] Chain => _pair.Value.Chain;

        /// <summary>Made here (-New), not given.</summary>
        public bool IsNew { get; }

        /// <summary>The certificate's SHA-256 fingerprint as keytool prints it.</summary>
        public string Fingerprint => KeystoreCertificates.Fingerprint(Chain[0].GetEncoded());

        public string Subject => Chain[0].SubjectDN.ToString(true, X509Name.DefaultSymbols);
        public DateTime NotAfter => Chain[0].NotAfter.ToUniversalTime();

        /// <param name="where">The PFX as messages name it.</param>
        public static ClusterKey FromPkcs12(byte[] pfx, string password, string where)
        {
            var store = new Pkcs12StoreBuilder().Build();
            try
            {
                using (var stream = new MemoryStream(pfx)) store.Load(stream, (password ?? string.Empty).ToCharArray());
            }
            catch (Exception e) when (e is IOException || e is ArgumentException || e is InvalidCastException || e is InvalidOperationException)
            {
                throw new VaultKeystoreException($"{where} cannot be read as a PFX (PKCS#12) with the password given ({e.Message}). Check " +
                    "the file and its password; nothing was written.", e);
            }
            var keys = store.Aliases.Where(store.IsKeyEntry).ToList();
            if (keys.Count != 1)
                throw new VaultKeystoreException($"{where} holds {keys.Count} private keys ({string.Join(", ", keys)}); give a PFX with " +
                    "exactly one key and its certificate chain. Nothing was written.");
            var chain = store.GetCertificateChain(keys[0]).Select(c => c.Certificate).ToArray();
            if (!(chain[0].GetPublicKey() is RsaKeyParameters))
                throw new VaultKeystoreException($"The key in {where} is not an RSA key; WSO2 IS signs and Secure Vault encrypts with RSA. " +
                    "Nothing was written.");
            var key = store.GetKey(keys[0]).Key;
            return new ClusterKey(() => (key, chain), isNew: false);
        }

        /// <summary>A new RSA 3072 key with a self-signed SHA-256 certificate for <paramref name="hostname"/> (subject CN and SAN),
        /// made when first used: a cluster that keeps its own key never pays for one.</summary>
        public static ClusterKey New(string hostname, int validityDays) => new ClusterKey(() => Generate(hostname, validityDays), isNew: true);

        private static (AsymmetricKeyParameter, X509Certificate[]) Generate(string hostname, int validityDays)
        {
            var random = new SecureRandom();
            var generator = new RsaKeyPairGenerator();
            generator.Init(new KeyGenerationParameters(random, 3072));
            var pair = generator.GenerateKeyPair();
            var name = new X509Name($"CN={hostname}");
            var certificate = new X509V3CertificateGenerator();
            certificate.SetSerialNumber(new BigInteger(128, random).Add(BigInteger.One));
            certificate.SetIssuerDN(name);
            certificate.SetSubjectDN(name);
            var now = DateTime.UtcNow.AddMinutes(-5);
            certificate.SetNotBefore(now);
            certificate.SetNotAfter(now.AddDays(validityDays));
            certificate.SetPublicKey(pair.Public);
            certificate.AddExtension(X509Extensions.SubjectAlternativeName, false, SubjectAlternativeNames(hostname));
            certificate.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
            certificate.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment));
            var signed = certificate.Generate(new Asn1SignatureFactory("SHA256WITHRSA", pair.Private, random));
            return (pair.Private, new[] { signed });
        }

        /// <summary>A PKCS#10 request for the key, as PEM, for a CA to sign.</summary>
        public string CertificateRequest(string hostname)
        {
            var extensions = new X509Extensions(new[] { X509Extensions.SubjectAlternativeName },
                new[] { new X509Extension(false, new DerOctetString(SubjectAlternativeNames(hostname))) });
            var attribute = new AttributePkcs(PkcsObjectIdentifiers.Pkcs9AtExtensionRequest, new DerSet(extensions));
            var request = new Pkcs10CertificationRequest(new Asn1SignatureFactory("SHA256WITHRSA", PrivateKey), Chain[0].SubjectDN,
                Chain[0].GetPublicKey(), new DerSet(attribute));
            return Pem(new object[] { request });
        }

        /// <summary>The keystore's bytes: the key under <paramref name="alias"/> with its chain, sealed with <paramref name="password"/>.</summary>
        public byte[] Store(VaultKeystoreType type, string alias, string password)
        {
            using (var stream = new MemoryStream())
            {
                if (type == VaultKeystoreType.Jks)
                {
                    var jks = new JksStore();
                    jks.SetKeyEntry(alias, PrivateKey, password.ToCharArray(), Chain);
                    jks.Save(stream, password.ToCharArray());
                }
                else
                {
                    // 3DES for keys and certificates alike: every JDK reads it, unlike RC2 for certificates, BouncyCastle's default.
                    var pkcs12 = new Pkcs12StoreBuilder()
                        .SetCertAlgorithm(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc)
                        .SetKeyAlgorithm(PkcsObjectIdentifiers.PbeWithShaAnd3KeyTripleDesCbc)
                        .Build();
                    pkcs12.SetKeyEntry(alias, new AsymmetricKeyEntry(PrivateKey), Chain.Select(c => new X509CertificateEntry(c)).ToArray());
                    pkcs12.Save(stream, password.ToCharArray(), new SecureRandom());
                }
                return stream.ToArray();
            }
        }

        /// <summary>The certificate and its issuers as PEM, leaf first: NGINX's ssl_certificate.</summary>
        public string PemChain() => Pem(Chain);

        /// <summary>The private key as unencrypted PKCS#8 PEM: NGINX's ssl_certificate_key (kept readable by its owner only).</summary>
        public string PemKey() => Pem(new object[] { new Pkcs8Generator(PrivateKey) });

        private static string Pem(System.Collections.Generic.IEnumerable<object> items)
        {
            using (var text = new StringWriter())
            {
                var pem = new PemWriter(text);
                foreach (var item in items) pem.WriteObject(item);
                return text.ToString().Replace("\r\n", "\n");
            }
        }

        private static GeneralNames SubjectAlternativeNames(string hostname) =>
            new GeneralNames(new GeneralName(System.Net.IPAddress.TryParse(hostname, out _) ? GeneralName.IPAddress : GeneralName.DnsName,
                hostname));
    }
}
