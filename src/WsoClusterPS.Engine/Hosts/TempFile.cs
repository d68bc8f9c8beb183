using System;
using System.Text.RegularExpressions;

namespace WsoClusterPS.Engine.Hosts
{
    /// <summary>
    /// The temporary name a write uses beside a file, on every host, and how a leftover of a killed
    /// run is recognised by that name.
    /// </summary>
    internal static class TempFile
    {
        public static string NameFor(string leaf) => "." + leaf + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";

        /// <summary>Whether <paramref name="name"/> is a temporary file of <paramref name="leaf"/>'s.</summary>
        public static bool IsLeftoverOf(string leaf, string name) =>
            name.StartsWith("." + leaf + ".", StringComparison.Ordinal) && Suffix.IsMatch(name.Substring(leaf.Length + 2));

        private static readonly Regex Suffix = new Regex(@"\A[0-9a-f]{8}\.tmp\z", RegexOptions.CultureInvariant);
    }
}
