using System;

namespace WsoClusterPS.Engine.Is.Services
{
    /// <summary>A node's service could not be installed, removed or driven; <see cref="Problem"/> says why.</summary>
    public sealed class ServiceException : InvalidOperationException
    {
        public ServiceException(ServiceProblem problem, string message) : base(message) => Problem = problem;

        public ServiceProblem Problem { get; }
    }
}
