using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>One thing one node holds otherwise than the others: its value, and what most nodes hold (secrets masked).</summary>
    public sealed class NodeDifference
    {
        public NodeDifference(CheckName check, NodeRecord node, string item, string key, string value, string expected)
        {
            Check = check;
            Node = node;
            Item = item;
            Key = key;
            Value = value;
            Expected = expected;
        }

        public CheckName Check { get; }
        public NodeRecord Node { get; }
        public string Item { get; }
        public string Key { get; }
        public string Value { get; }
        public string Expected { get; }
    }
}
