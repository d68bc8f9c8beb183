using System;

namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>A set of nodes that cannot form a cluster as given; found before any file is written.</summary>
    public sealed class ClusterPlanException : Exception
    {
        public ClusterPlanException(string message) : base(message)
        {
        }
    }
}
