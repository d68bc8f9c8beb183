namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>How far a copy or unpack has come, in bytes and files.</summary>
    public readonly struct TransferProgress
    {
        public TransferProgress(long bytesDone, long bytesTotal, int filesDone, int filesTotal, TransferStage stage = TransferStage.Copying)
        {
            Stage = stage;
            BytesDone = bytesDone;
            BytesTotal = bytesTotal;
            FilesDone = filesDone;
            FilesTotal = filesTotal;
        }

        public TransferStage Stage { get; }
        public long BytesDone { get; }
        public long BytesTotal { get; }
        public int FilesDone { get; }
        public int FilesTotal { get; }
        public int Percent => BytesTotal <= 0 ? 100 : (int)(100 * BytesDone / BytesTotal);
    }
}
