namespace WsoClusterPS.Plumbing
{
    /// <summary>A credential a spec names that nothing resolves: not in -Credential, SecretManagement or Azure Automation.</summary>
    internal sealed class CredentialNotFoundException : System.Exception
    {
        public CredentialNotFoundException(string message) : base(message)
        {
        }
    }
}
