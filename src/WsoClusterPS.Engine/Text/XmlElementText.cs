namespace WsoClusterPS.Engine.Text
{
    /// <summary>
    /// A deployment.toml value as WSO2's config mapper needs it where it pastes the value verbatim
    /// into an XML element: a datasource's username and password become
    /// <c>&lt;password&gt;value&lt;/password&gt;</c> in master-datasources.xml, so a bare &amp; or
    /// &lt; breaks the file and no datasource starts (wso2/product-is#28431, wso2/docs-apim#726).
    /// WSO2's own remedy is a CDATA section; "]]&gt;" inside one is split across two sections.
    /// </summary>
    public static class XmlElementText
    {
        private const string Open = "<![CDATA[";
        private const string Close = "]]>";

        /// <summary>The value to write so that the XML element reads back exactly <paramref name="value"/>; unchanged when
        /// nothing in it needs protecting.</summary>
        public static string Protect(string value) =>
            value == null || (value.IndexOf('&') < 0 && value.IndexOf('<') < 0 && !value.Contains(Close))
                ? value
                : Open + value.Replace(Close, "]]" + Close + Open + ">") + Close;

        /// <summary>The value the XML element reads back: <see cref="Protect"/> undone.</summary>
        public static string Read(string written) =>
            written != null && written.StartsWith(Open, System.StringComparison.Ordinal) && written.EndsWith(Close, System.StringComparison.Ordinal)
                ? written.Substring(Open.Length, written.Length - Open.Length - Close.Length).Replace("]]" + Close + Open + ">", Close)
                : written;
    }
}
