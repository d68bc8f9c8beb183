namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>What a transfer is doing: a remote unpack can take as long as its upload, and says so.</summary>
    public enum TransferStage
    {
        /// <summary>Files written on this machine (a local unpack or copy).</summary>
        Copying,

        /// <summary>Bytes sent over SSH.</summary>
        Uploading,

        /// <summary>The machine unpacks what was sent; no bytes move.</summary>
        Unpacking,
    }
}
