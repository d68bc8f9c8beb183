using WsoClusterPS.Plumbing;

namespace WsoClusterPS
{
    /// <summary>One thing a node holds otherwise than the other nodes (Compare-IsClusterNode). Secrets are masked.</summary>
    public sealed class IsNodeDifference
    {
        internal IsNodeDifference(Engine.Is.Checks.NodeDifference difference, IsNode node)
        {
            Check = difference.Check.ToPublic();
            Node = node;
            Item = difference.Item;
            Key = difference.Key;
            Value = difference.Value;
            Expected = difference.Expected;
        }

        /// <summary>The check of Test-IsCluster that fails on it.</summary>
        public IsClusterCheckName Check { get; }

        public IsNode Node { get; }

        /// <summary>Where: deployment.toml, a keystore table and its file, a folder below IS_HOME.</summary>
        public string Item { get; }

        /// <summary>What, within the item: "[server] hostname", a certificate's alias, a jar's name.</summary>
        public string Key { get; }

        /// <summary>What the node holds; "(absent)" when it lacks it.</summary>
        public string Value { get; }

        /// <summary>What most nodes hold (a tie: the node given first); "(absent)" when they lack it.</summary>
        public string Expected { get; }
    }
}
