using System.Management.Automation;
using System.Security;

namespace WsoClusterPS.Plumbing
{
    /// <summary>A password parameter that takes a SecureString or a PSCredential (its password): what a vault or
    /// Get-AutomationPSCredential gives. Plain text is refused, so a password never sits in a script's history.</summary>
    public sealed class PasswordTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is SecureString secure) return secure;
            if (value is PSCredential credential && credential != PSCredential.Empty) return credential.Password;
            throw new ArgumentTransformationMetadataException("This parameter takes a SecureString or a PSCredential, and was given " +
                (value == null ? "$null" : $"a {value.GetType().Name}") + "; it never prompts. Use Read-Host -AsSecureString " +
                "interactively, Get-AutomationPSCredential or Get-Secret in a runbook.");
        }
    }
}
