using System;
using WsoClusterPS.Engine.Is;
using WsoClusterPS.Engine.Nginx;

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

        private static ArgumentOutOfRangeException Unknown(object value) =>
            new ArgumentOutOfRangeException(nameof(value), value, "A value the module's engine does not know.");
    }
}
