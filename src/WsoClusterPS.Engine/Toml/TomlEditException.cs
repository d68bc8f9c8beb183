using System;

namespace WsoClusterPS.Engine.Toml
{
    /// <summary>A TOML file that cannot be read or edited, with where it breaks (1-based line and column).</summary>
    public sealed class TomlEditException : Exception
    {
        public TomlEditException(string sourceName, int line, int column, string problem)
            : base(line > 0
                ? $"{sourceName} line {line}, column {column}: {problem}. Fix the file, then run again; nothing was written."
                : $"{sourceName}: {problem}. Nothing was written.")
        {
            SourceName = sourceName;
            Line = line;
            Column = column;
            Problem = problem;
        }

        public string SourceName { get; }
        public int Line { get; }
        public int Column { get; }
        public string Problem { get; }
    }
}
