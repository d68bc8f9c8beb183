using System;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>What a test-and-reload did, what NGINX said, and, when it failed, why and what was put back.</summary>
    public sealed class NginxReloadReport
    {
        public NginxReloadReport(NginxReloadVerdict verdict, bool tested, bool rolledBack, bool confirmed, string output, Exception error,
            string explanation)
        {
            Verdict = verdict;
            Tested = tested;
            RolledBack = rolledBack;
            Confirmed = confirmed;
            Output = output;
            Error = error;
            Explanation = explanation;
        }

        public NginxReloadVerdict Verdict { get; }

        /// <summary>nginx -t passed.</summary>
        public bool Tested { get; }

        public bool Reloaded => Verdict == NginxReloadVerdict.Reloaded;

        /// <summary>The changed sites' previous files were put back.</summary>
        public bool RolledBack { get; }

        /// <summary>New worker processes were seen after the reload (false: asked, but not seen to take).</summary>
        public bool Confirmed { get; }

        /// <summary>What NGINX printed.</summary>
        public string Output { get; }

        /// <summary>Why it failed (its type says what kind of failure); null when it did not fail.</summary>
        public Exception Error { get; }

        /// <summary>What went wrong and what was put back, for the user; null when it did not fail.</summary>
        public string Explanation { get; }
    }
}
