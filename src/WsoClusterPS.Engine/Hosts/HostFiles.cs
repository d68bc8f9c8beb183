using System;
using System.IO;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>What every host does the same way, on top of its own primitives.</summary>
    public static class HostFiles
    {
        /// <summary>Copies a file from this machine to the host, atomically (temporary name, then rename).</summary>
        public static void UploadFile(this IHost host, string localPath, string destination) =>
            host.WriteAllBytesAtomically(destination, File.ReadAllBytes(localPath), keepBackup: false);

        /// <summary>Whether a mode gives no one write access (mode 0: a host that has no modes, never).</summary>
        internal static bool IsReadOnly(int mode) => mode != 0 && (mode & 0x92) == 0;

        internal static UnauthorizedAccessException ReadOnlyRefusal(string path, string hostName, int mode) =>
            new UnauthorizedAccessException(
                $"'{path}' on {hostName} is read-only (mode {Convert.ToString(mode & 0xFFF, 8)}). " +
                "Give -Force to replace it, as Set-Content does; its mode stays as it is. Nothing was written.");

        /// <summary>Why a file that must be there is not: a folder in its place is said to be one, not called missing.</summary>
        /// <param name="advice">What to do, ending the message.</param>
        public static IOException NotAFile(this IHost host, string path, string advice) => host.DirectoryExists(path)
            ? new IOException($"'{path}' on {host.Name} is a folder, not a file. {advice}")
            : (IOException)new FileNotFoundException($"'{path}' does not exist on {host.Name}. {advice}", path);

        internal static IOException LinkRefusal(string path, string hostName, string target) => new IOException(
            $"'{path}' on {hostName} is a symbolic link{(target == null ? string.Empty : " (to " + target + ")")}, " +
            "and WsoClusterPS never writes through a link it did not make. " +
            "Point the cmdlet at the file itself, or replace the link with the file; nothing was written.");
    }
}
