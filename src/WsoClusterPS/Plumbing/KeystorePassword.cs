using System.Management.Automation;

namespace WsoClusterPS.Plumbing
{
    /// <summary>The keystore password of -KeystoreCredential, or WSO2's stock one with a warning that says what it means.</summary>
    internal static class KeystorePassword
    {
        public const string Stock = "wso2carbon";

        public static string From(PSCmdlet cmdlet, PSCredential credential)
        {
            if (credential != null) return credential.GetNetworkCredential().Password;
            cmdlet.WriteWarning("No -KeystoreCredential was given, so the keystore is opened with WSO2's stock password 'wso2carbon'. " +
                "The stock keystore and its key are the same in every pack and are for development only: for production, give " +
                "each cluster its own keystore (WSO2's docs: 'Create New Keystores') and pass its password with -KeystoreCredential.");
            return Stock;
        }
    }
}
