using System;
using System.Threading;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// The machine a node lives on. Everything the module does to the world goes through here,
    /// so a cmdlet works the same on this machine and on another one.
    /// </summary>
    public interface IHost
    {
        /// <summary>How users name the machine: "localhost", or the remote host name.</summary>
        string Name { get; }

        /// <summary>Joins path parts with the host's own separator.</summary>
        string Combine(params string[] parts);

        /// <summary>The folder holding <paramref name="path"/> and its last part.</summary>
        (string Parent, string Leaf) SplitPath(string path);

        bool FileExists(string path);
        bool DirectoryExists(string path);
        bool DirectoryHasEntries(string path);
        byte[] ReadAllBytes(string path);

        /// <summary>The file's length in bytes, or -1 when it does not exist.</summary>
        long FileLength(string path);

        /// <summary>When the file was last written (UTC), or null when it does not exist: what a running node was started
        /// before or after.</summary>
        DateTime? LastWriteTimeUtc(string path);

        /// <summary>The file's permission bits (0644), or 0 where the host has none (Windows).</summary>
        int Permissions(string path);

        /// <summary>The SHA-256 of each file as lowercase hex, in the order given, by the cheapest way to the files: large ones
        /// are hashed where they are, never copied over the network to be compared.</summary>
        System.Collections.Generic.IReadOnlyList<string> Sha256(System.Collections.Generic.IReadOnlyList<string> paths);

        /// <summary>The bytes from <paramref name="offset"/> to the end: the new part of a log.</summary>
        byte[] ReadFrom(string path, long offset);

        void DeleteFile(string path);

        /// <summary>The names of the folders in a folder; none when it does not exist.</summary>
        System.Collections.Generic.IReadOnlyList<string> ListDirectories(string directory);

        /// <summary>The names of the files (not folders) in a folder.</summary>
        System.Collections.Generic.IReadOnlyList<string> ListFiles(string directory);

        /// <summary>
        /// Runs a program with an argument list (never a command line pasted together), waits at
        /// most <paramref name="timeout"/>, and returns its exit code and output. When
        /// <paramref name="cancel"/> fires, the program is stopped where it runs, and the call
        /// throws <see cref="OperationCanceledException"/>.
        /// </summary>
        CommandResult Run(string file, System.Collections.Generic.IReadOnlyList<string> arguments, TimeSpan timeout,
            CancellationToken cancel = default);

        /// <summary>
        /// Replaces <paramref name="path"/> by writing a temporary file beside it and renaming it
        /// over the old one, so a crash never leaves half a file. The file's mode and owner are kept,
        /// a link is never written through, and a read-only file is replaced only when
        /// <paramref name="replaceReadOnly"/>; with <paramref name="keepBackup"/> the old content
        /// stays as <c>path.bak</c>, written the same way.
        /// </summary>
        /// <param name="holdsSecret">The content holds a plain secret: the file and its backup become readable by their owner
        /// only (0600 when new; an existing mode loses its group and other bits); the owner is kept.</param>
        void WriteAllBytesAtomically(string path, byte[] content, bool keepBackup, bool replaceReadOnly = false, bool holdsSecret = false);

        /// <summary>
        /// Holds an exclusive lock on <paramref name="path"/> (a lock beside it, on this host, with a
        /// lease renewed while held) until disposed, so two admins' edits of one file are never lost;
        /// waits until <paramref name="wait"/>'s deadline (Ctrl+C ends the wait), then fails naming the
        /// lock, who holds it and for how long. A lock whose lease ran out is taken over.
        /// </summary>
        FileLease Lock(string path, LockWait wait);

        void CreateDirectory(string path);
        void MoveDirectory(string from, string to);
        void DeleteTree(string path);

        /// <summary>Unpacks the entries of a local zip (its tree under <see cref="SharedZip.Prefix"/>) into a new folder, keeping
        /// Unix modes; takes its share of a zip sent to several hosts at once.</summary>
        void UnpackZip(SharedZip zip, string destination, Action<TransferProgress> progress, CancellationToken cancel);

        /// <summary>Unpacks a zip that is already on the host, as <see cref="UnpackZip"/> does.</summary>
        void UnpackZipOnHost(string zipPath, string entryPrefix, string destination, CancellationToken cancel);

        /// <summary>Copies a folder tree that is already on the host, keeping modes.</summary>
        void CopyTreeOnHost(string source, string destination, CancellationToken cancel);

        /// <summary>The entry names of a zip on the host.</summary>
        System.Collections.Generic.IReadOnlyList<string> ZipEntries(string zipPath);

        /// <summary>Copies a local folder tree into a new folder, keeping Unix modes.</summary>
        void CopyTree(string localSource, string destination, Action<TransferProgress> progress, CancellationToken cancel);

        /// <summary>
        /// A way from this machine to <paramref name="host"/>:<paramref name="port"/> as the host
        /// itself reaches it: the address as it is locally, an SSH port forward for a remote host.
        /// </summary>
        Tunnel OpenTunnel(string host, int port);

        /// <summary>
        /// Whether something accepts a TCP connection at <paramref name="address"/>:<paramref name="port"/>
        /// as this host itself sees it (a node's ports may be closed to the admin's machine).
        /// </summary>
        bool Answers(string address, int port);

        /// <summary>An address other cluster members can reach this machine on, preferring a non-loopback IPv4.</summary>
        string PrimaryAddress();

        /// <summary>
        /// The same machine for the steps that need root (writing /etc/nginx and /etc/hosts,
        /// reloading NGINX): through <c>sudo -n</c> where an SSH session asked for it, else as is.
        /// </summary>
        IHost ForPrivilegedSteps();
    }
}
