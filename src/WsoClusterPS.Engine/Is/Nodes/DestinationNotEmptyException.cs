using System;

namespace WsoClusterPS.Engine.Is.Nodes
{
    /// <summary>The folder a new node should go to already holds something.</summary>
    public sealed class DestinationNotEmptyException : Exception
    {
        public DestinationNotEmptyException(string path)
            : base($"'{path}' already exists and is not empty. Choose another -Path, or add -Force to replace it; nothing was changed.")
        {
            Path = path;
        }

        public string Path { get; }
    }
}
