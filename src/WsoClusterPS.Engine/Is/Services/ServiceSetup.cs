using System;
using System.Text;
using WsoClusterPS.Engine.Files;
using WsoClusterPS.Engine.Hosts;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Secrets;
using WsoClusterPS.Engine.Text;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>
    /// Installs and removes a node's systemd unit. Each step is checked before it is taken, so a second run changes nothing
    /// and a run killed midway is finished by the next: unit file, daemon-reload, enable, then the record in the node's home.
    /// </summary>
    public static class ServiceSetup
    {
        private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMinutes(1);

        /// <summary>Reads the node and its host and plans its unit; writes nothing.</summary>
        /// <param name="force">Overwrite a unit file WsoClusterPS did not write for this node.</param>
        public static ServiceInstall PlanInstall(NodeRecord node, UnitSettings settings, bool force)
        {
            var name = UnitFile.NameFor(node, settings.Name);
            UnitFile.Check("The node's home", node.Home);
            UnitFile.Check("The node's name", node.Name);
            if (settings.JavaHome != null) UnitFile.Check("-JavaHome", settings.JavaHome);
            if (settings.MemoryOptions != null) UnitFile.Check("-MemoryOptions", settings.MemoryOptions);
            var recorded = NodeUnit.Recorded(node);
            var path = UnitFile.Directory + "/" + name;
            if (recorded != null && recorded != path && node.Host.FileExists(recorded))
                throw new ServiceException(ServiceProblem.InvalidSetting, $"'{node.Name}' already has the unit {recorded} on {node.Host.Name}. " +
                    $"Give -Name {node.Host.SplitPath(recorded).Leaf} to change it, or remove it first (Uninstall-IsNodeService) to install " +
                    "it under another name.");
            var privileged = node.Host.ForPrivilegedSteps();
            CheckOwnUnit(privileged, path, node, force);
            var (user, group) = Owner(node);
            var javaHome = settings.JavaHome ?? HostJava(node);
            var vault = SecretConf.IsOn(node, TomlEditor.Read(node.Host, node.DeploymentToml));
            var unit = FileEdit.Replace(privileged, path, UnitFile.Render(node, settings, user, group, javaHome, vault));
            return new ServiceInstall(node, name, path, unit, !privileged.FileExists(WantsLink(name)), recorded != path, vault);
        }

        /// <summary>Writes what <paramref name="plan"/> found missing.</summary>
        public static void Install(ServiceInstall plan, LockWait wait)
        {
            var host = plan.Node.Host;
            if (plan.Unit.Changed)
            {
                plan.Unit.Apply(keepBackup: false, wait: wait);
                Systemctl.DaemonReload(host);
            }
            if (plan.Enable) Systemctl.Enable(host, plan.Name);
            // As root where the session has sudo: the admin who may write units need not own the node's home.
            if (plan.Record)
                host.ForPrivilegedSteps().WriteAllBytesAtomically(NodeUnit.RecordPath(plan.Node),
                    Encoding.UTF8.GetBytes(NodeUnit.RenderRecord(plan.Path)), keepBackup: false);
        }

        /// <summary>Plans removing the node's unit: the one recorded, else <paramref name="name"/> or wso2is-&lt;node&gt;.service.</summary>
        /// <param name="pid">The node's running process, if any (NodeLifecycle.RunningPid).</param>
        /// <param name="force">Remove a unit WsoClusterPS did not write for this node, and stop the node first where it runs
        /// under it.</param>
        public static ServiceRemoval PlanUninstall(NodeRecord node, int? pid, string name, bool force)
        {
            var recorded = NodeUnit.Recorded(node);
            var path = name != null || recorded == null ? UnitFile.Directory + "/" + UnitFile.NameFor(node, name) : recorded;
            var unitName = node.Host.SplitPath(path).Leaf;
            var privileged = node.Host.ForPrivilegedSteps();
            CheckOwnUnit(privileged, path, node, force);
            var runsUnder = pid != null && NodeUnit.Find(node, pid) == unitName;
            if (runsUnder && !force)
                throw new ServiceException(ServiceProblem.NodeRuns, $"'{node.Name}' runs under {unitName} on {node.Host.Name}; removing the " +
                    "unit would leave systemd a process it no longer knows. Stop it first (Stop-IsNode stops the service), or give -Force to " +
                    "stop it and remove the unit.");
            return new ServiceRemoval(node, unitName, path, privileged.FileExists(path), privileged.FileExists(WantsLink(unitName)),
                recorded != null, runsUnder);
        }

        public static void Uninstall(ServiceRemoval plan)
        {
            var host = plan.Node.Host;
            var privileged = host.ForPrivilegedSteps();
            if (plan.Running) Systemctl.Stop(host, plan.Name);
            if (plan.Enabled) Systemctl.Disable(host, plan.Name);
            if (plan.UnitExists) privileged.DeleteFile(plan.Path);
            // A run killed after the delete left the record: systemd may still hold the unit, so reload then too.
            if (plan.UnitExists || plan.Recorded) Systemctl.DaemonReload(host);
            if (plan.Recorded) privileged.DeleteFile(NodeUnit.RecordPath(plan.Node));
        }

        /// <summary>The link <c>systemctl enable</c> makes for a unit wanted by multi-user.target.</summary>
        private static string WantsLink(string unit) => UnitFile.Directory + "/multi-user.target.wants/" + unit;

        private static void CheckOwnUnit(IHost privileged, string path, NodeRecord node, bool force)
        {
            if (force || !privileged.FileExists(path)) return;
            var owner = UnitFile.WrittenFor(TextFile.Read(privileged, path).Text);
            if (owner == node.Home) return;
            throw new ServiceException(ServiceProblem.ForeignUnit, $"{path} on {node.Host.Name} is " + (owner == null
                ? "a unit WsoClusterPS did not write (yours, or a package's)"
                : $"the unit of the node at {owner}") +
                $", so it was left alone. Give '{node.Name}' another -Name, or -Force to replace it.");
        }

        /// <summary>The user and group that own the node's home, whom the service runs as: names where the host has them.</summary>
        private static (string User, string Group) Owner(NodeRecord node)
        {
            var result = node.Host.Run("stat", new[] { "-c", "%U:%u:%G:%g", "--", node.Home }, ProbeTimeout);
            var fields = result.Output.Trim().Split(':');
            if (!result.Succeeded || fields.Length != 4)
                throw new InvalidOperationException($"Cannot read who owns '{node.Home}' on {node.Host.Name}: {result.Combined}");
            return (fields[0] == "UNKNOWN" ? fields[1] : fields[0], fields[2] == "UNKNOWN" ? fields[3] : fields[2]);
        }

        /// <summary>The home of the Java on the host's PATH (readlink -f of java, less bin/java), as WSO2's guide sets JAVA_HOME.</summary>
        private static string HostJava(NodeRecord node)
        {
            var result = node.Host.Run("sh", new[] { "-c", "java=$(command -v java) && readlink -f \"$java\"" }, ProbeTimeout);
            var java = result.Output.Trim();
            const string Suffix = "/bin/java";
            if (!result.Succeeded || !java.EndsWith(Suffix, StringComparison.Ordinal))
                throw new ServiceException(ServiceProblem.NoJava, $"No java is on the PATH on {node.Host.Name}, so the unit of '{node.Name}' " +
                    "cannot name a JAVA_HOME (systemd starts services with no JAVA_HOME of yours). Give -JavaHome (for example " +
                    "/usr/lib/jvm/java-21-openjdk-amd64), or install a JDK there.");
            var home = java.Substring(0, java.Length - Suffix.Length);
            UnitFile.Check("The JAVA_HOME found", home);
            return home;
        }
    }
}
