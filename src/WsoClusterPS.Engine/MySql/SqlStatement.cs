namespace WsoClusterPS.Engine.MySql
{
    /// <summary>One statement of a script, and the line (1-based) it starts on.</summary>
    public sealed class SqlStatement
    {
        public SqlStatement(string text, int line)
        {
            Text = text;
            Line = line;
        }

        public string Text { get; }
        public int Line { get; }

        public string FirstLine => Text.Split('\n')[0].Trim();
    }
}
