namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>How one reload went: applied or not, whether that was seen for sure, and what NGINX said.</summary>
    public sealed class ReloadCheck
    {
        public ReloadCheck(bool applied, bool confirmed, string output)
        {
            Applied = applied;
            Confirmed = confirmed;
            Output = output;
        }

        public bool Applied { get; }
        public bool Confirmed { get; }
        public string Output { get; }
    }
}
