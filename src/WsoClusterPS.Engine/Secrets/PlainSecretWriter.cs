using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>Writes the secret as it is, which is what the manual recipe does, in a CDATA section where WSO2 would
    /// otherwise paste a broken XML value (<see cref="Text.XmlElementText"/>).</summary>
    public sealed class PlainSecretWriter : ISecretWriter
    {
        public static PlainSecretWriter Instance { get; } = new PlainSecretWriter();

        private PlainSecretWriter()
        {
        }

        public void Write(TomlEditor toml, string table, string key, string secret) =>
            toml.SetString(table, key, Text.XmlElementText.Protect(secret));
    }
}
