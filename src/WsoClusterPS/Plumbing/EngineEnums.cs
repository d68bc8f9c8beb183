using System;
using WsoClusterPS.Engine.Is.Checks;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Engine.Plans;
using WsoClusterPS.Engine.Secrets;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// The one place where the public enums users type meet the engine's own: the engine is
    /// loaded in a private load context, so users never see its types. A value added on one side
    /// and not the other fails here, loudly, never as a silent string mismatch.
    /// </summary>
    internal static class EngineEnums
    {
        public static NodeRole ToEngine(this IsNodeRole role)
        {
            switch (role)
            {
                case IsNodeRole.Manager: return NodeRole.Manager;
                case IsNodeRole.Worker: return NodeRole.Worker;
                default: throw Unknown(role);
            }
        }

        public static IsNodeRole ToPublic(this NodeRole role)
        {
            switch (role)
            {
                case NodeRole.Manager: return IsNodeRole.Manager;
                case NodeRole.Worker: return IsNodeRole.Worker;
                default: throw Unknown(role);
            }
        }

        public static Stickiness ToEngine(this NginxSticky sticky)
        {
            switch (sticky)
            {
                case NginxSticky.IpHash: return Stickiness.IpHash;
                case NginxSticky.Cookie: return Stickiness.Cookie;
                case NginxSticky.None: return Stickiness.None;
                default: throw Unknown(sticky);
            }
        }

        public static ReloadMethod ToEngine(this NginxReloadMethod method)
        {
            switch (method)
            {
                case NginxReloadMethod.Signal: return ReloadMethod.Signal;
                case NginxReloadMethod.Service: return ReloadMethod.Service;
                case NginxReloadMethod.Systemctl: return ReloadMethod.Systemctl;
                default: throw Unknown(method);
            }
        }

        public static IsMemberState ToPublic(this MemberState state)
        {
            switch (state)
            {
                case MemberState.Active: return IsMemberState.Active;
                case MemberState.Left: return IsMemberState.Left;
                case MemberState.Stopped: return IsMemberState.Stopped;
                default: throw Unknown(state);
            }
        }

        public static IsClusterChangeAction ToPublic(this ChangeAction action)
        {
            switch (action)
            {
                case ChangeAction.Create: return IsClusterChangeAction.Create;
                case ChangeAction.Update: return IsClusterChangeAction.Update;
                case ChangeAction.Remove: return IsClusterChangeAction.Remove;
                case ChangeAction.InitializeSchema: return IsClusterChangeAction.InitializeSchema;
                case ChangeAction.Drain: return IsClusterChangeAction.Drain;
                case ChangeAction.Stop: return IsClusterChangeAction.Stop;
                case ChangeAction.Start: return IsClusterChangeAction.Start;
                case ChangeAction.Reload: return IsClusterChangeAction.Reload;
                case ChangeAction.Restart: return IsClusterChangeAction.Restart;
                case ChangeAction.Verify: return IsClusterChangeAction.Verify;
                default: throw Unknown(action);
            }
        }

        public static IsClusterChangeStatus ToPublic(this ChangeStatus status)
        {
            switch (status)
            {
                case ChangeStatus.Planned: return IsClusterChangeStatus.Planned;
                case ChangeStatus.Applied: return IsClusterChangeStatus.Applied;
                case ChangeStatus.Declined: return IsClusterChangeStatus.Declined;
                case ChangeStatus.Failed: return IsClusterChangeStatus.Failed;
                case ChangeStatus.NotRun: return IsClusterChangeStatus.NotRun;
                default: throw Unknown(status);
            }
        }

        public static IsLogLevel ToPublic(this LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Trace: return IsLogLevel.Trace;
                case LogLevel.Debug: return IsLogLevel.Debug;
                case LogLevel.Info: return IsLogLevel.Info;
                case LogLevel.Warn: return IsLogLevel.Warn;
                case LogLevel.Error: return IsLogLevel.Error;
                case LogLevel.Fatal: return IsLogLevel.Fatal;
                default: throw Unknown(level);
            }
        }

        public static LogLevel ToEngine(this IsLogLevel level)
        {
            switch (level)
            {
                case IsLogLevel.Trace: return LogLevel.Trace;
                case IsLogLevel.Debug: return LogLevel.Debug;
                case IsLogLevel.Info: return LogLevel.Info;
                case IsLogLevel.Warn: return LogLevel.Warn;
                case IsLogLevel.Error: return LogLevel.Error;
                case IsLogLevel.Fatal: return LogLevel.Fatal;
                default: throw Unknown(level);
            }
        }

        public static IsNodeState ToPublic(this RunState state)
        {
            switch (state)
            {
                case RunState.Running: return IsNodeState.Running;
                case RunState.Stopped: return IsNodeState.Stopped;
                case RunState.Starting: return IsNodeState.Starting;
                case RunState.Unknown: return IsNodeState.Unknown;
                default: throw Unknown(state);
            }
        }

        public static VaultKeystoreType ToEngine(this IsKeystoreType type)
        {
            switch (type)
            {
                case IsKeystoreType.Jks: return VaultKeystoreType.Jks;
                case IsKeystoreType.Pkcs12: return VaultKeystoreType.Pkcs12;
                default: throw Unknown(type);
            }
        }

        public static IsClusterCheckName ToPublic(this CheckName check)
        {
            switch (check)
            {
                case CheckName.Clustering: return IsClusterCheckName.Clustering;
                case CheckName.ClusterPorts: return IsClusterCheckName.ClusterPorts;
                case CheckName.Databases: return IsClusterCheckName.Databases;
                case CheckName.Hostname: return IsClusterCheckName.Hostname;
                case CheckName.Https: return IsClusterCheckName.Https;
                case CheckName.Coordinator: return IsClusterCheckName.Coordinator;
                case CheckName.LoadBalancer: return IsClusterCheckName.LoadBalancer;
                case CheckName.Configuration: return IsClusterCheckName.Configuration;
                case CheckName.Keystores: return IsClusterCheckName.Keystores;
                case CheckName.EncryptionKey: return IsClusterCheckName.EncryptionKey;
                case CheckName.SecureVault: return IsClusterCheckName.SecureVault;
                case CheckName.JdbcDrivers: return IsClusterCheckName.JdbcDrivers;
                case CheckName.ProductVersion: return IsClusterCheckName.ProductVersion;
                case CheckName.UserStores: return IsClusterCheckName.UserStores;
                case CheckName.StockKeystore: return IsClusterCheckName.StockKeystore;
                case CheckName.StockEncryptionKey: return IsClusterCheckName.StockEncryptionKey;
                case CheckName.CertificateExpiry: return IsClusterCheckName.CertificateExpiry;
                default: throw Unknown(check);
            }
        }

        public static IsClusterCheckOutcome ToPublic(this CheckOutcome outcome)
        {
            switch (outcome)
            {
                case CheckOutcome.Passed: return IsClusterCheckOutcome.Passed;
                case CheckOutcome.Warning: return IsClusterCheckOutcome.Warning;
                case CheckOutcome.Failed: return IsClusterCheckOutcome.Failed;
                default: throw Unknown(outcome);
            }
        }

        private static ArgumentOutOfRangeException Unknown(object value) =>
            new ArgumentOutOfRangeException(nameof(value), value, "A value the module's engine does not know.");
    }
}
