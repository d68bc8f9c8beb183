using System.IO;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>What every host does the same way, on top of its own primitives.</summary>
    public static class HostFiles
    {
        /// <summary>Copies a file from this machine to the host, atomically (temporary name, then rename).</summary>
        public static void UploadFile(this IHost host, string localPath, string destination) =>
            host.WriteAllBytesAtomically(destination, File.ReadAllBytes(localPath), keepBackup: false);
    }
}
