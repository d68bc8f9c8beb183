using System;

namespace WsoClusterPS.Engine.Secrets
{
    /// <summary>The keystore cannot give the key to encrypt with: wrong password, no such alias, not RSA.</summary>
    public sealed class VaultKeystoreException : InvalidOperationException
    {
        public VaultKeystoreException(string message, Exception inner = null) : base(message, inner) { }
    }
}
