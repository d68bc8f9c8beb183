using System.Management.Automation;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Plumbing
{
    /// <summary>The keystore password of -KeystoreCredential, or WSO2's stock one with a warning that says what it means.</summary>
    internal static class KeystorePassword
    {
        public static string From(PSCmdlet cmdlet, PSCredential credential)
        {
            if (credential != null) return credential.GetNetworkCredential().Password;
            cmdlet.WriteWarning(VaultKeystoreLocation.StockPasswordWarning);
            return VaultKeystoreLocation.StockPassword;
        }
    }
}
