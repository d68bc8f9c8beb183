using System;
using Renci.SshNet;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// One session's two SSH connections: SSH.NET gives exec and SFTP each their own. Every part
    /// of an <see cref="SshHost"/> (commands, files, unpacking) works over these two.
    /// </summary>
    internal sealed class SshConnection : IDisposable
    {
        private bool _closed;

        public SshConnection(SshOptions options, SshClient shell, SftpClient files, string fingerprint)
        {
            Options = options;
            Shell = shell;
            Files = files;
            HostKeyFingerprint = fingerprint;
        }

        public SshOptions Options { get; }
        public SshClient Shell { get; }
        public SftpClient Files { get; }
        public string HostKeyFingerprint { get; }

        public string Name => Options.Port == 22
            ? Options.HostName
            : Options.HostName + ":" + Options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public bool IsConnected => !_closed && Shell.IsConnected && Files.IsConnected;

        public void Dispose()
        {
            _closed = true;
            Shell.Dispose();
            Files.Dispose();
        }
    }
}
