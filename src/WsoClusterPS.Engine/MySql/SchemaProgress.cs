namespace WsoClusterPS.Engine.MySql
{
    /// <summary>Where the schema step is: which script, and how many of its statements ran.</summary>
    public readonly struct SchemaProgress
    {
        public SchemaProgress(string script, int scriptIndex, int scriptCount, int statementsDone, int statementCount)
        {
            Script = script;
            ScriptIndex = scriptIndex;
            ScriptCount = scriptCount;
            StatementsDone = statementsDone;
            StatementCount = statementCount;
        }

        public string Script { get; }
        public int ScriptIndex { get; }
        public int ScriptCount { get; }
        public int StatementsDone { get; }
        public int StatementCount { get; }

        /// <summary>How far the whole schema step is, scripts and statements together.</summary>
        public int Percent => (int)(100.0 * (ScriptIndex + (double)StatementsDone / System.Math.Max(1, StatementCount)) / ScriptCount);
    }
}
