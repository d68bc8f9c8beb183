using System;
using System.Collections.Generic;
using WsoClusterPS.Engine.Files;

namespace WsoClusterPS.Engine.Nginx
{
    /// <summary>
    /// Step 3.3 as one workflow: test the configuration, reload, and put the changed site files
    /// back when either fails, so NGINX never waits for its next restart with files it refused.
    /// </summary>
    public static class NginxReload
    {
        /// <param name="written">The site files written since NGINX last took its configuration: those are put back on failure.</param>
        /// <param name="anySites">Whether sites were given at all: given, and none written, there is nothing to reload.</param>
        public static NginxReloadReport Run(NginxControl nginx, IReadOnlyList<FileEdit> written, bool anySites, TimeSpan confirmWithin)
        {
            var nothingChanged = anySites && written.Count == 0;
            Hosts.CommandResult test;
            ReloadCheck reload = null;
            try
            {
                test = nginx.Test();
                if (test.Succeeded && !nothingChanged) reload = nginx.Reload(confirmWithin);
            }
            catch (Exception error) when (!(error is OperationCanceledException))
            {
                // Files NGINX never tested must not wait for its next restart.
                var explanation = written.Count == 0 ? error.Message
                    : $"{error.Message} {PutBack(written)}. The running NGINX keeps its old configuration.";
                return new NginxReloadReport(NginxReloadVerdict.Failed, false, written.Count > 0, false, string.Empty, error, explanation);
            }

            if (!test.Succeeded) return Refused(NginxReloadVerdict.TestRefused, "nginx -t refused the " +
                "configuration", test.Combined, written, nginx);
            if (nothingChanged) return new NginxReloadReport(NginxReloadVerdict.Unchanged, true, false, false, test.Combined, null, null);
            if (!reload.Applied) return Refused(NginxReloadVerdict.NotApplied, "NGINX did not apply the new " +
                "configuration", reload.Output, written, nginx);
            var output = (test.Combined + "\n" + reload.Output).Trim();
            return new NginxReloadReport(NginxReloadVerdict.Reloaded, true, false, reload.Confirmed, output, null, null);
        }

        /// <summary>Puts the changed sites back, checks that NGINX accepts the old files, and says so in NGINX's own words.</summary>
        private static NginxReloadReport Refused(NginxReloadVerdict verdict, string what, string nginxOutput,
            IReadOnlyList<FileEdit> written,
            NginxControl nginx)
        {
            var rolledBack = written.Count > 0;
            string restored;
            if (!rolledBack) restored = "No site files were given, so nothing was put back.";
            else
            {
                restored = PutBack(written);
                var after = nginx.Test();
                restored += after.Succeeded ? " and nginx -t passes again." : $", but nginx -t still fails: {after.Combined}";
            }
            var message = $"{what}: {NginxMessages.Quote(nginxOutput)} {restored} The running NGINX keeps its old configuration.";
            var tested = verdict == NginxReloadVerdict.NotApplied;
            var error = new NginxException(message, nginxOutput, rolledBack);
            return new NginxReloadReport(verdict, tested, rolledBack, false, nginxOutput, error, message);
        }

        /// <summary>Puts the sites' previous content back and says so; a file that could not be put back is named, with why.</summary>
        private static string PutBack(IReadOnlyList<FileEdit> written)
        {
            var restored = new List<string>();
            var stuck = new List<string>();
            foreach (var site in written)
            {
                try
                {
                    site.Revert();
                    restored.Add(site.Path);
                }
                catch (Exception error) when (!(error is OperationCanceledException))
                {
                    stuck.Add($"{site.Path} ({error.Message})");
                }
            }
            var sentence = restored.Count > 0 ? $"The previous content of {string.Join(", ", restored)} was put " +
                "back" : "Nothing could be put back";
            return stuck.Count == 0 ? sentence : $"{sentence}; put back by hand (from the .bak copies with -Backup): " +
                $"{string.Join(", ", stuck)}";
        }
    }
}
