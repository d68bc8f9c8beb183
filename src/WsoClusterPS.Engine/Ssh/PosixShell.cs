using System.Collections.Generic;
using System.Linq;

namespace WsoClusterPS.Engine.Ssh
{
    /// <summary>
    /// Builds a remote command line from an argument list: every argument in POSIX single quotes,
    /// so spaces, quotes, $ and ; in a path stay part of it, never shell syntax.
    /// </summary>
    public static class PosixShell
    {
        public static string Quote(string argument) => "'" + argument.Replace("'", "'\\''") + "'";

        public static string Command(string file, IEnumerable<string> arguments) =>
            string.Join(" ", new[] { file }.Concat(arguments).Select(Quote));
    }
}
