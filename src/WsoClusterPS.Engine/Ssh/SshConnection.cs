using System;
using Renci.SshNet;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// One session's two SSH connections: SSH.NET gives exec and SFTP each their own. Every part
    /// of an <see cref="SshHost"/> (commands, files, unpacking) works over these two. A closed
    /// session says so instead of SSH.NET's "disposed object"; a dropped one connects again only
    /// when the session asked for it, and only to the host key it first trusted.
    /// </summary>
    internal sealed class SshConnection : IDisposable
    {
        private readonly object _gate = new object();
        private SshClient _shell;
        private SftpClient _files;
        private bool _closed;

        public SshConnection(SshOptions options, SshClient shell, SftpClient files, string fingerprint, byte[] unrecordedHostKey)
        {
            Options = options;
            _shell = shell;
            _files = files;
            HostKeyFingerprint = fingerprint;
            UnrecordedHostKey = unrecordedHostKey;
        }

        public SshOptions Options { get; }
        public string HostKeyFingerprint { get; }

        /// <summary>The host key accepted as new (-AcceptNewHostKey) and not yet in known_hosts; null otherwise.</summary>
        public byte[] UnrecordedHostKey { get; private set; }

        /// <summary>Adds the key accepted as new to known_hosts.</summary>
        public void RecordHostKey()
        {
            if (UnrecordedHostKey == null) return;
            HostKeyTrust.Record(Options, UnrecordedHostKey);
            UnrecordedHostKey = null;
        }

        public SshClient Shell
        {
            get { EnsureOpen(); return _shell; }
        }

        public SftpClient Files
        {
            get { EnsureOpen(); return _files; }
        }

        public string Name => Options.Port == 22
            ? Options.HostName
            : Options.HostName + ":" + Options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Whether both connections are up; never throws, for clean-up code.</summary>
        public bool IsConnected => !_closed && _shell.IsConnected && _files.IsConnected;

        public void Dispose()
        {
            lock (_gate)
            {
                _closed = true;
                _shell.Dispose();
                _files.Dispose();
            }
        }

        private void EnsureOpen()
        {
            if (_closed) throw SshSessionClosedException.Removed(Name);
            if (IsConnected) return;
            if (!Options.Reconnect) throw SshSessionClosedException.Dropped(Name);
            lock (_gate)
            {
                if (_closed) throw SshSessionClosedException.Removed(Name);
                if (IsConnected) return;
                var again = Options.For(Options.HostName);
                again.PinnedFingerprint = HostKeyFingerprint;
                again.AcceptNewHostKey = false;
                var fresh = SshConnector.Connect(again);
                _shell.Dispose();
                _files.Dispose();
                _shell = fresh.Shell;
                _files = fresh.Files;
            }
        }
    }
}
