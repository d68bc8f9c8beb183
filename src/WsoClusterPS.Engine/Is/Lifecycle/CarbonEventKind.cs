namespace WsoClusterPS.Engine.Is.Lifecycle
{
    public enum CarbonEventKind
    {
        LocalMember,
        Elected,
        MemberJoined,
        MemberLeft,
        Started,
        ShuttingDown,
    }
}
