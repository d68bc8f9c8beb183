using System;

namespace WsoClusterPS.Engine.Is.Lifecycle
{
    /// <summary>One clustering or life-cycle line of a node's carbon log.</summary>
    public sealed class CarbonEvent
    {
        public CarbonEvent(DateTime time, CarbonEventKind kind, string memberId, string address, string line)
        {
            Time = time;
            Kind = kind;
            MemberId = memberId;
            Address = address;
            Line = line;
        }

        public DateTime Time { get; }
        public CarbonEventKind Kind { get; }
        public string MemberId { get; }

        /// <summary>host:port of the member the line is about (its own, for LocalMember).</summary>
        public string Address { get; }

        public string Line { get; }
    }
}
