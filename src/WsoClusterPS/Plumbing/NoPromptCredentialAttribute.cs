using System.Management.Automation;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// A credential parameter that never prompts: PowerShell's own [Credential] turns $null or a
    /// user name into a Get-Credential prompt, which kills an unattended job ("Read and Prompt
    /// functionality is not available"). Anything but a PSCredential is refused, naming the parameter.
    /// </summary>
    public sealed class NoPromptCredentialAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is PSCredential credential && credential != PSCredential.Empty && !string.IsNullOrEmpty(credential.UserName))
                return credential;
            var given = value == null ? "$null (in a runbook: a credential asset that was not found?)"
                : value is PSCredential ? "an empty PSCredential"
                : $"a {value.GetType().Name}" + (value is string text ? $" ('{text}'), not a PSCredential" : ", not a PSCredential");
            throw new ArgumentTransformationMetadataException($"This parameter takes a PSCredential, and was given {given}; it never " +
                "prompts. In a runbook get one with Get-AutomationPSCredential -Name '<asset>' (or Get-Secret from a vault); " +
                "interactively, with Get-Credential; in a script, [pscredential]::new('<user>', $secureString).");
        }
    }
}
