using System;

namespace WsoClusterPS.Engine.MySql
{
    /// <summary>The schema could not be created; the message says where and what to do. Contains no password.</summary>
    public sealed class SchemaException : Exception
    {
        public SchemaException(SchemaProblem problem, string message, Exception inner = null) : base(message, inner)
        {
            Problem = problem;
        }

        public SchemaProblem Problem { get; }
    }
}
