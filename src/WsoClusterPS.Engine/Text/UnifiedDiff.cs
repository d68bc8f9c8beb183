using System;
using System.Collections.Generic;
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

        /// <summary>The longest-common-subsequence edit script; config files are small enough for O(n·m).</summary>
        private static List<(char Kind, string Line, int OldIndex, int NewIndex)> EditScript(string[] a, string[] b)
        {
            var lcs = new int[a.Length + 1, b.Length + 1];
            for (var x = a.Length - 1; x >= 0; x--)
                for (var y = b.Length - 1; y >= 0; y--)
                    lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);

            var script = new List<(char, string, int, int)>();
            int i = 0, j = 0;
            while (i < a.Length || j < b.Length)
            {
                if (i < a.Length && j < b.Length && a[i] == b[j]) { script.Add((' ', a[i], i, j)); i++; j++; }
                // Removals before additions, as diff -u prints a replaced line.
                else if (i < a.Length && (j == b.Length || lcs[i + 1, j] >= lcs[i, j + 1])) { script.Add(('-', a[i], i, j)); i++; }
                else { script.Add(('+', b[j], i, j)); j++; }
            }
            return script;
        }

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
