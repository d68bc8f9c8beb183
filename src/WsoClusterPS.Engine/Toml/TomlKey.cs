namespace WsoClusterPS.Engine.Toml
{
    /// <summary>One key of a TOML file: its table and its name, and whether each node of a cluster holds its own value.</summary>
    public sealed class TomlKey
    {
        public TomlKey(string table, string name, bool perNode = false)
        {
            Table = table;
            Name = name;
            PerNode = perNode;
        }

        public string Table { get; }
        public string Name { get; }

        /// <summary>Each node holds its own value (its offset, its own cluster address): never compared across nodes.</summary>
        public bool PerNode { get; }

        public override string ToString() => $"[{Table}] {Name}";
    }
}
