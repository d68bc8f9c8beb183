namespace WsoClusterPS.Plumbing
{
    /// <summary>Where each cmdlet's page lives online, for Get-Help -Online; the manifest's ProjectUri names the same repository.</summary>
    internal static class HelpLinks
    {
        public const string Project = "https://github.com/wsoclusterps/WsoClusterPS";
        public const string Docs = Project + "/blob/main/docs/";
    }
}
