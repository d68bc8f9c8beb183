using System;
using System.Globalization;
using System.Linq;
using System.Text;
using WsoClusterPS.Engine.Is.Nodes;

namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>
    /// The systemd unit of one node, as WSO2's guide runs a product as a Linux service: wso2server.sh start and stop
    /// under the node's owner, with the pid file Carbon writes. Its first line names the node's home, which is how a
    /// later run knows the file is its own (and whose).
    /// </summary>
    public static class UnitFile
    {
        public const string Directory = "/etc/systemd/system";
        private const string Header = "# Written by WsoClusterPS (Install-IsNodeService) for the WSO2 IS node at ";

        /// <param name="javaHome">Already resolved: the unit's JAVA_HOME.</param>
        /// <param name="secureVault">The node uses Secure Vault: the unit starts only where a password-tmp waits for Carbon.</param>
        public static string Render(NodeRecord node, UnitSettings settings, string user, string group, string javaHome, bool secureVault)
        {
            var home = node.Home;
            var script = Quoted(IsLayout.ServerScript(node.Host, home));
            var text = new StringBuilder()
                .Append(Header).Append(home).Append('\n')
                .Append("# Install-IsNodeService rewrites this file and Uninstall-IsNodeService removes it.\n")
                .Append("[Unit]\n")
                .Append("Description=WSO2 Identity Server node ").Append(Specifiers(node.Name)).Append('\n')
                .Append("Documentation=https://is.docs.wso2.com/\n")
                .Append("After=network-online.target\n")
                .Append("Wants=network-online.target\n");
            if (secureVault)
                text.Append("# Secure Vault: Carbon reads the keystore password from password-tmp, which Start-IsNode -KeystoreCredential\n")
                    .Append("# writes just before the start. Without it (a reboot) the node is not started rather than failing in a loop.\n")
                    .Append("ConditionPathExists=").Append(Specifiers(IsLayout.PasswordTmp(node.Host, home))).Append('\n');
            text.Append("\n[Service]\n")
                .Append("Type=forking\n")
                .Append("User=").Append(user).Append('\n')
                .Append("Group=").Append(group).Append('\n')
                .Append("WorkingDirectory=").Append(Specifiers(home)).Append('\n')
                .Append("Environment=").Append(Quoted("JAVA_HOME=" + javaHome)).Append('\n');
            if (settings.MemoryOptions != null)
                text.Append("Environment=").Append(Quoted("JVM_MEM_OPTS=" + settings.MemoryOptions)).Append('\n');
            return text
                .Append("PIDFile=").Append(Specifiers(IsLayout.PidFile(node.Host, home))).Append('\n')
                .Append("ExecStart=").Append(script).Append(" start\n")
                .Append("ExecStop=").Append(script).Append(" stop\n")
                .Append("# The JVM ends with 143 when wso2server.sh stop sends it SIGTERM: a clean stop, not a failure to restart from.\n")
                .Append("SuccessExitStatus=143\n")
                .Append("LimitNOFILE=").Append(settings.OpenFiles.ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("Restart=on-failure\n")
                .Append("RestartSec=10\n")
                .Append("TimeoutStopSec=").Append(((int)settings.StopTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append("\n[Install]\n")
                .Append("WantedBy=multi-user.target\n")
                .ToString();
        }

        /// <summary>The home of the node whose unit this is, as its first line names it; null for a unit WsoClusterPS did not
        /// write.</summary>
        public static string WrittenFor(string text)
        {
            var first = text.Split('\n')[0];
            return first.StartsWith(Header, StringComparison.Ordinal) ? first.Substring(Header.Length) : null;
        }

        /// <summary>The unit name for <paramref name="name"/>, or wso2is-&lt;node&gt;.service; refused where systemd would refuse
        /// it.</summary>
        public static string NameFor(NodeRecord node, string name)
        {
            var unit = name ?? "wso2is-" + node.Name;
            if (!unit.EndsWith(".service", StringComparison.Ordinal)) unit += ".service";
            if (!ValidName(unit))
                throw new ServiceException(ServiceProblem.InvalidSetting, $"'{unit}' is not a name systemd takes for a unit: letters, digits, " +
                    "':', '_', '.' and '-' only. " + (name == null
                        ? $"The node's name '{node.Name}' makes it; give -Name (for example -Name wso2is-node1)."
                        : "Give another -Name (for example wso2is-node1)."));
            return unit;
        }

        /// <summary>Whether <paramref name="path"/> is a unit file in <see cref="Directory"/> with a name systemd takes: what a
        /// record in a node's home may name (the home's owner can write that record, and must not steer root elsewhere).</summary>
        public static bool IsUnitPath(string path)
        {
            var prefix = Directory + "/";
            if (path == null || !path.StartsWith(prefix, StringComparison.Ordinal)) return false;
            var unit = path.Substring(prefix.Length);
            return unit.EndsWith(".service", StringComparison.Ordinal) && ValidName(unit);
        }

        private static bool ValidName(string unit)
        {
            var stem = unit.Substring(0, unit.Length - ".service".Length);
            return stem.Length > 0 && unit.Length <= 255 && stem.All(c => c < 128 && (char.IsLetterOrDigit(c) || ":_.-".IndexOf(c) >= 0)) &&
                   stem.Trim('.') == stem;
        }

        /// <summary>A value systemd takes as one word or path: no line breaks or other control characters, which would end
        /// the setting early or be read as another.</summary>
        public static void Check(string what, string value)
        {
            if (value.Any(char.IsControl) || value.Trim() != value)
                throw new ServiceException(ServiceProblem.InvalidSetting, $"{what} '{Printable(value)}' holds a line break, another control " +
                    "character or leading or trailing blanks, which a systemd unit cannot hold. Give it without them.");
        }

        private static string Printable(string value) =>
            string.Concat(value.Select(c => char.IsControl(c) ? "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture) : c.ToString()));

        /// <summary>A value as systemd reads it but for specifiers (paths, the description): each % is doubled.</summary>
        private static string Specifiers(string value) => value.Replace("%", "%%");

        /// <summary>A double-quoted word, as systemd unquotes it (C escapes). ExecStart expands $VARIABLE in its arguments
        /// only, never in the program's path, and our arguments hold none.</summary>
        private static string Quoted(string value) =>
            "\"" + Specifiers(value.Replace("\\", "\\\\").Replace("\"", "\\\"")) + "\"";
    }
}
