using System;

namespace WsoClusterPS.Loading
{
    /// <summary>Which runtimes the module loads on: .NET Framework (Windows PowerShell 5.1) and .NET 8 or later (PowerShell 7.4+).</summary>
    internal static class RuntimeSupport
    {
        /// <summary>The one line Import-Module fails with on a runtime the module cannot load on; null where it can.</summary>
        public static string Refusal(string frameworkDescription, Version runtime) =>
            frameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal) || runtime.Major >= 8 ? null
                : $"WsoClusterPS needs PowerShell 7.4 or later (.NET 8), or Windows PowerShell 5.1; this PowerShell runs on " +
                  $"{frameworkDescription}. In Azure Automation, give the runbook the PowerShell 7.4 runtime.";
    }
}
