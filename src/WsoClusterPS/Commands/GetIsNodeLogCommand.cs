using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using WsoClusterPS.Engine.Is.Lifecycle;
using WsoClusterPS.Plumbing;

namespace WsoClusterPS.Commands
{
    /// <summary>A node's Carbon logs (the live one, then the rotated ones) as objects, read from their end on its own host: the
    /// newest entries, those since a time, of some levels, matching a pattern, or the cluster's membership events.</summary>
    [Cmdlet(VerbsCommon.Get, "IsNodeLog", HelpUri = HelpLinks.Docs + "Get-IsNodeLog.md")]
    [OutputType(typeof(IsLogEntry))]
    public sealed class GetIsNodeLogCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [NodeTransformation]
        public IsNode[] Node { get; set; }

        /// <summary>The newest this many entries (of those the other parameters keep).</summary>
        [Parameter]
        [ValidateRange(1, 1000000)]
        public int Tail { get; set; }

        /// <summary>Entries at or after this time, as the node's log writes it (its clock and zone).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public IsLogLevel[] Level { get; set; }

        /// <summary>A regular expression the logger or the message matches (case-insensitive).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Pattern { get; set; }

        /// <summary>Only the cluster's events: members joining and leaving, coordinators elected.</summary>
        [Parameter]
        public SwitchParameter Membership { get; set; }

        protected override void ProcessRecord()
        {
            LogQuery query;
            try
            {
                query = new LogQuery
                {
                    Tail = MyInvocation.BoundParameters.ContainsKey(nameof(Tail)) ? Tail : (int?)null,
                    Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since : (DateTime?)null,
                    Levels = (Level ?? new IsLogLevel[0]).Select(l => l.ToEngine()).ToList(),
                    Pattern = Pattern == null ? null : new Regex(Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
                    Membership = Membership,
                };
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(ErrorRecords.From(this, new ArgumentException($"-Pattern '{Pattern}' is not a regular expression: " +
                    $"{error.Message} Nothing was read.", error), Pattern));
                return;
            }
            foreach (var node in Node)
            {
                try
                {
                    foreach (var entry in NodeLogReader.Read(node.Record, query)) WriteObject(new IsLogEntry(entry, node));
                }
                catch (Exception error) when (!(error is PipelineStoppedException))
                {
                    WriteError(ErrorRecords.From(this, error, node));
                }
            }
        }
    }
}
