
namespace WsoClusterPS.Engine.MySql
{
    /// <summary>Why the schema step could not be done.</summary>
    public enum SchemaProblem
    {
        Unreachable,
        AccessDenied,
        MissingDatabase,
        HalfInstalled,
        StatementFailed,
        MissingScripts,
    }
}
