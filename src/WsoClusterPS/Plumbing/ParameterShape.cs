namespace WsoClusterPS.Plumbing
{
    /// <summary>The shapes a parameter can demand; each is one of the engine's shared <c>Shapes</c>.</summary>
    public enum ParameterShape
    {
        HostName,
        HostOrAddress,
        Member,
        ClusterDomain,
        FileNameBase,
        NodeName,
        Fingerprint,
        UserStoreType,
        DatabaseName,
        SingleLine,
        UserName,
        Identifier,
        TableName,
    }
}
