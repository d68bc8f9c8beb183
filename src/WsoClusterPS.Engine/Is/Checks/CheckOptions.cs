using System;

namespace WsoClusterPS.Engine.Is.Checks
{
    /// <summary>How Test-IsCluster checks: what differs on purpose, and how soon a certificate's end is worth a warning.</summary>
    public sealed class CheckOptions
    {
        /// <summary>Facts kept different on purpose (-Exclude): never counted as drift.</summary>
        public Func<NodeFact, bool> Excluded { get; set; } = _ => false;

        public int CertificateWarningDays { get; set; } = 30;
    }
}
