using System.Collections.Generic;

namespace WsoClusterPS.Plumbing
{
    /// <summary>What to do next, per error cause: an ErrorRecord's RecommendedAction, which Get-Error and runbook logs show.</summary>
    internal static class Recommendations
    {
        private static readonly Dictionary<string, string> ByCause = new Dictionary<string, string>
        {
            ["TomlParse"] = "Fix the TOML at the line and column the message gives (the .bak copy holds the previous file), then run again.",
            ["NotAPack"] = "Give a WSO2 IS zip or unpacked folder: one holding bin/wso2server.sh and repository/conf/deployment.toml.",
            ["PathNotEmpty"] = "Give a new or empty folder, or -Force to replace what is there.",
            ["ClusterAddressClash"] = "Give each node its own cluster address and port (-ClusterHost, -ClusterPort).",
            ["NginxRejected"] = "Fix what NGINX's message names, then run again; the previous site files were put back.",
            ["Unreachable"] = "Check -Server and -Port, and that the database server accepts connections from this machine.",
            ["AccessDenied"] = "Check the account, its password and its rights, or act through a session opened with -UseSudo.",
            ["MissingDatabase"] = "Create the database, or give -AdminCredential so that it is created.",
            ["HalfInstalled"] = "Drop the half-made tables (or the database), then run -InitializeSchema again.",
            ["MissingScripts"] = "Check the node's dbscripts/ folder against the pack it came from.",
            ["StatementFailed"] = "Read the failing statement and the server's answer in the message.",
            ["HostKeyUnknown"] = "Check the fingerprint with the machine's owner, then connect with -HostKeyFingerprint or -AcceptNewHostKey.",
            ["HostKeyChanged"] = "Find out why the key changed; if the machine was rebuilt, remove its old line (ssh-keygen -R) and connect again.",
            ["HostKeyNotPinned"] = "Check with the machine's owner which key is right, and pin that one.",
            ["HostKeyRevoked"] = "Do not connect; ask the machine's owner.",
            ["SshAuthentication"] = "Check -UserName and the key (-KeyFilePath, -Key, -KeyPassphrase) or the password.",
            ["SshConnection"] = "Check -HostName and -Port, and that sshd runs there and is reachable from this machine.",
            ["Keystore"] = "Check -KeystoreCredential and the keystore the node's deployment.toml names.",
            ["SessionClosed"] = "Open a new session (New-IsSshSession) and read the nodes again (Get-IsClusterNode -Session).",
            ["LastServingNode"] = "Start another node behind NGINX first (Start-IsNode -Site), or go on without -Site.",
            ["NotBack"] = "Read the node's last log lines in the message, fix the node, then put it back with Start-IsNode -Site.",
            ["NoNode"] = "Pipe the nodes New-IsClusterNode or Get-IsClusterNode emit, or records with Home and ComputerName.",
            ["NodeInputFailed"] = "Fix the inputs the errors above name (or leave them out on purpose with -ReplaceMembers), then run again.",
            ["UnnamedUpstream"] = "Take the node out of the upstream the message names, or give that site with -Site, then run again.",
            ["RollStopped"] = "Fix what the message names, then run the commands it gives to put the node back and finish the roll.",
            ["InvalidSpec"] = "Correct the spec where the message says (docs/cluster-spec.md lists its keys), then plan again.",
            ["ClusterCheckFailed"] = "Run Test-IsCluster for each failed check, fix it, then Invoke-IsClusterPlan -Spec again.",
            ["CredentialNotFound"] = "Give -Credential @{ name = $credential }, or store the credential under that name in SecretManagement or Azure Automation.",
            ["InvalidValue"] = "Correct the value the message names.",
            ["Timeout"] = "Read the log lines in the message; give more -TimeoutSeconds where the machine is only slow.",
            ["NotFound"] = "Check the path, name or id the message names.",
            ["InvalidData"] = "Check the file the message names.",
            ["SudoRefused"] = "Allow the user passwordless sudo for the commands the message names, or connect as a user with the rights.",
            ["IOError"] = "Check the disk and the path the message names, then run again; no file was left half-written.",
            ["Failed"] = "Read the message; -Verbose shows each step.",
        };

        public static string For(string cause) => ByCause.TryGetValue(cause, out var action) ? action : null;
    }
}
