namespace WsoClusterPS.Engine.Validation
{
    /// <summary>
    /// Every shape a value the module takes must have: one home, shared by the cmdlets' parameter
    /// validation and the engine's own checks before anything is written.
    /// </summary>
    public static class Shapes
    {
        private const string Label = @"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";

        /// <summary>A DNS name: dot-separated labels of letters, digits and inner hyphens.</summary>
        public static readonly Shape HostName = new Shape(
            @"\A" + Label + @"(\." + Label + @")*\z", "a host name such as wso2.is (letters, digits, dots and hyphens)");

        /// <summary>A host name or an IPv4 or IPv6 address, never starting with '-' (it would read as an option).</summary>
        public static readonly Shape HostOrAddress = new Shape(@"\A[A-Za-z0-9.:][A-Za-z0-9.:-]*\z", "a host name or an IP address");

        /// <summary>A WKA member: host:port.</summary>
        public static readonly Shape Member = new Shape(
            @"\A[A-Za-z0-9.][A-Za-z0-9.-]*:[0-9]{1,5}\z", "a member as host:port, such as 10.0.0.4:4000");

        public static readonly Shape ClusterDomain = new Shape(
            @"\A[A-Za-z0-9._-]+\z", "a clustering domain (letters, digits, dots, underscores and hyphens)");

        /// <summary>A name for a file's first part, such as "is" in is.https.conf.</summary>
        public static readonly Shape FileNameBase = new Shape(
            @"\A[A-Za-z0-9_][A-Za-z0-9._-]*\z", "a file name base such as is (letters, digits, dots, underscores and hyphens)");

        /// <summary>A node's name: one line, no control characters, no '=' (the node marker is key=value).</summary>
        public static readonly Shape NodeName = new Shape(
            @"\A[^\x00-\x1f\x7f=]+\z", "a node name: one line, without control characters or '='");

        /// <summary>A path, a program or a filter: anything, on one line (a line break would reach generated files
        /// and commands as a new line).</summary>
        public static readonly Shape SingleLine = new Shape(
            @"\A[^\x00-\x1f\x7f]+\z", "a value on one line, without control characters (a line break, a tab, a NUL)");

        /// <summary>A login name: POSIX's portable characters, '@' and '\' for directory accounts, a final '$' for machine
        /// accounts.</summary>
        public static readonly Shape UserName = new Shape(
            @"\A[A-Za-z0-9_][A-Za-z0-9_.@\\-]*\$?\z", "a user name (letters, digits, '.', '_', '-', '@' and '\\')");

        public static readonly Shape Fingerprint = new Shape(
            @"\ASHA256:[A-Za-z0-9+/]{43}=?\z", "an OpenSSH SHA256 fingerprint such as SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s");

        /// <summary>A MySQL database name as the module writes it into SQL and JDBC URLs.</summary>
        public static readonly Shape DatabaseName = new Shape(
            @"\A[A-Za-z0-9_$]{1,64}\z", "a plain MySQL name (letters, digits, _ and $, at most 64)");

        /// <summary>An NGINX server name: a host name, or a wildcard *.domain.</summary>
        public static readonly Shape ServerName = new Shape(
            @"\A(\*\.)?" + Label + @"(\." + Label + @")*\z", "a host name such as wso2.is (letters, digits, dots and hyphens; no spaces)");

        /// <summary>A <c>[user_store] type</c>: one word.</summary>
        public static readonly Shape UserStoreType = new Shape(
            @"\A[A-Za-z0-9_]+\z", "a user store type such as database_unique_id (letters, digits and underscores)");

        /// <summary>A TOML table name of bare dotted parts, as WSO2's keys are: super_admin, keystore.primary.</summary>
        public static readonly Shape TableName = new Shape(
            @"\A[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\z", "a table name such as super_admin or keystore.primary");

        /// <summary>An NGINX identifier (an upstream name).</summary>
        public static readonly Shape Identifier = new Shape(
            @"\A[A-Za-z_][A-Za-z0-9_]*\z", "letters, digits and underscores, not starting with a digit");
    }
}
