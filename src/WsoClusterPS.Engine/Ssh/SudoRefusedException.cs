using System;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>sudo would not run a privileged step: it wanted a password, or the user may not run that command.</summary>
    public sealed class SudoRefusedException : UnauthorizedAccessException
    {
        public SudoRefusedException(string message) : base(message)
        {
        }
    }
}
