namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>One thing a node holds that every node of the cluster must hold alike: a key of a file, a certificate of an
    /// alias, a jar's hash.</summary>
    public sealed class NodeFact
    {
        public NodeFact(CheckName check, string item, string key, string value, bool secret = false)
        {
            Check = check;
            Item = item;
            Key = key;
            Value = value;
            Secret = secret;
        }

        public CheckName Check { get; }

        /// <summary>Where it is: a file, a folder or a keystore table, below IS_HOME.</summary>
        public string Item { get; }

        /// <summary>What it is within the item: "[server] hostname", an alias, a jar's name.</summary>
        public string Key { get; }

        /// <summary>The value compared, with the node's own home spelt ${carbon.home}.</summary>
        public string Value { get; }

        /// <summary>Compared, never shown.</summary>
        public bool Secret { get; }
    }
}
