namespace WsoClusterPS.Engine.Is
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
