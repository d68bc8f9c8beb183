namespace WsoClusterPS.Engine.Plans
{
    /// <summary>A cluster spec that cannot be planned as written: a key, a value, or what it asks for (two nodes on one
    /// port, a node with no way to reach its machine).</summary>
    public sealed class SpecException : System.Exception
    {
        public SpecException(string message) : base(message)
        {
        }
    }
}
