namespace WsoClusterPS
{
    /// <summary>The hosts-file line Set-IsHostsEntry made sure of.</summary>
    public sealed class IsHostsEntry
    {
        internal IsHostsEntry(string computerName, string path, string hostname, string address, bool changed)
        {
            ComputerName = computerName;
            Path = path;
            Hostname = hostname;
            Address = address;
            Changed = changed;
        }

        public string ComputerName { get; }
        public string Path { get; }
        public string Hostname { get; }
        public string Address { get; }
        public bool Changed { get; }
    }
}
