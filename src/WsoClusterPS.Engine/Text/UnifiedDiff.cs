using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace WsoClusterPS.Engine.Text
{
    /// <summary>A unified diff (as <c>diff -u</c> prints it) of two versions of a text file.</summary>
    public static class UnifiedDiff
    {
        private const int Context = 3;

        public static string Create(string oldText, string newText, string path)
        {
            var a = SplitLines(oldText);
            var b = SplitLines(newText);
            var script = EditScript(a, b);
            var output = new StringBuilder();
            output.Append("--- ").Append(path).Append('\n');
            output.Append("+++ ").Append(path).Append('\n');

            var i = 0;
            while (i < script.Count)
            {
                if (script[i].Kind == ' ') { i++; continue; }
                var start = Math.Max(0, i - Context);
                var end = i;
                // Extend the hunk while changes are closer than two context windows apart.
                var lastChange = i;
                while (end < script.Count)
                {
                    if (script[end].Kind != ' ') lastChange = end;
                    else if (end - lastChange > 2 * Context) break;
                    end++;
                }
                end = Math.Min(script.Count, lastChange + Context + 1);
                AppendHunk(output, script, start, end);
                i = end;
            }
            return output.ToString();
        }

        private static void AppendHunk(StringBuilder output, List<(char Kind, string Line, int OldIndex, int NewIndex)> script, int start,
            int end)
        {
            int oldCount = 0, newCount = 0;
            for (var k = start; k < end; k++)
            {
                if (script[k].Kind != '+') oldCount++;
                if (script[k].Kind != '-') newCount++;
            }
            var oldStart = script[start].OldIndex + (oldCount == 0 ? 0 : 1);
            var newStart = script[start].NewIndex + (newCount == 0 ? 0 : 1);
            output.Append("@@ -").Append(oldStart).Append(',').Append(oldCount)
                  .Append(" +").Append(newStart).Append(',').Append(newCount).Append(" @@\n");
            for (var k = start; k < end; k++) output.Append(script[k].Kind).Append(script[k].Line).Append('\n');
        }

        /// <summary>
        /// The edit script from the longest common subsequence of lines, found by Myers' linear-space
        /// algorithm: memory stays proportional to the files, time to their size times the number of
        /// changed lines, so a one-line change in a 100,000-line hosts file costs one pass.
        /// </summary>
        private static List<(char Kind, string Line, int OldIndex, int NewIndex)> EditScript(string[] a, string[] b)
        {
            var matches = new List<(int A, int B)>();
            Matches(a, 0, a.Length, b, 0, b.Length, matches);
            var script = new List<(char, string, int, int)>(a.Length + b.Length);
            int i = 0, j = 0;
            foreach (var (ma, mb) in matches.Concat(new[] { (a.Length, b.Length) }))
            {
                // Removals before additions, as diff -u prints a replaced line.
                for (; i < ma; i++) script.Add(('-', a[i], i, j));
                for (; j < mb; j++) script.Add(('+', b[j], i, j));
                if (ma < a.Length) script.Add((' ', a[i++], ma, j++));
            }
            return script;
        }

        /// <summary>Adds the matched line pairs of a[aLo..aHi) and b[bLo..bHi) to <paramref name="matches"/>, in order.</summary>
        private static void Matches(string[] a, int aLo, int aHi, string[] b, int bLo, int bHi, List<(int, int)> matches)
        {
            while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) matches.Add((aLo++, bLo++));
            var suffix = 0;
            while (aLo < aHi - suffix && bLo < bHi - suffix && a[aHi - 1 - suffix] == b[bHi - 1 - suffix]) suffix++;
            aHi -= suffix;
            bHi -= suffix;
            if (aLo < aHi && bLo < bHi)
            {
                var (x, y, u, v) = MiddleSnake(a, aLo, aHi, b, bLo, bHi);
                Matches(a, aLo, x, b, bLo, y, matches);
                for (var k = 0; k < u - x; k++) matches.Add((x + k, y + k));
                Matches(a, u, aHi, b, v, bHi, matches);
            }
            for (var k = 0; k < suffix; k++) matches.Add((aHi + k, bHi + k));
        }

        /// <summary>
        /// The snake (a run of matching lines) in the middle of a shortest edit script, found by
        /// walking from both ends at once: its start and end in absolute line numbers.
        /// </summary>
        private static (int X, int Y, int U, int V) MiddleSnake(string[] a, int aLo, int aHi, string[] b, int bLo, int bHi)
        {
            int n = aHi - aLo, m = bHi - bLo, delta = n - m, max = (n + m + 1) / 2 + 1;
            var forward = new int[2 * max + 2];
            var backward = new int[2 * max + 2];
            var odd = (delta & 1) != 0;
            for (var d = 0; d <= max; d++)
            {
                for (var k = -d; k <= d; k += 2)
                {
                    var x = Furthest(forward, max, k, d);
                    int y = x - k, x0 = x, y0 = y;
                    while (x < n && y < m && a[aLo + x] == b[bLo + y]) { x++; y++; }
                    forward[max + k] = x;
                    var c = delta - k;
                    if (odd && c >= -(d - 1) && c <= d - 1 && x + backward[max + c] >= n)
                        return (aLo + x0, bLo + y0, aLo + x, bLo + y);
                }
                for (var c = -d; c <= d; c += 2)
                {
                    var x = Furthest(backward, max, c, d);
                    int y = x - c, x0 = x, y0 = y;
                    while (x < n && y < m && a[aHi - 1 - x] == b[bHi - 1 - y]) { x++; y++; }
                    backward[max + c] = x;
                    var k = delta - c;
                    if (!odd && k >= -d && k <= d && x + forward[max + k] >= n)
                        return (aLo + n - x, bLo + m - y, aLo + n - x0, bLo + m - y0);
                }
            }
            throw new InvalidOperationException("The diff found no middle snake, which two finite files always have.");
        }

        /// <summary>
        /// Where diagonal <paramref name="k"/> starts on step <paramref name="d"/>: one further than
        /// its better neighbour.
        /// </summary>
        private static int Furthest(int[] v, int max, int k, int d) =>
            k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;

        private static string[] SplitLines(string text)
        {
            if (string.IsNullOrEmpty(text)) return Array.Empty<string>();
            var lines = text.Replace("\r\n", "\n").Split('\n');
            if (!text.EndsWith("\n", StringComparison.Ordinal)) return lines;
            Array.Resize(ref lines, lines.Length - 1);
            return lines;
        }
    }
}
