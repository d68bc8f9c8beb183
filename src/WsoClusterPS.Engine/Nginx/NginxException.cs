using System;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>NGINX refused a configuration or a reload; the message quotes NGINX.</summary>
    public sealed class NginxException : Exception
    {
        public NginxException(string message, string nginxOutput, bool rolledBack) : base(message)
        {
            NginxOutput = nginxOutput;
            RolledBack = rolledBack;
        }

        public string NginxOutput { get; }
        public bool RolledBack { get; }
    }
}
