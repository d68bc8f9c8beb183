using System.IO;
using System.Management.Automation;
using System;
using WsoClusterPS.Engine.Is.Membership;
using WsoClusterPS.Engine.Is.Nodes;
using WsoClusterPS.Engine.MySql;
using WsoClusterPS.Engine.Nginx;
using WsoClusterPS.Engine.Ssh;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// Turns the engine's exceptions into ErrorRecords with stable ids (cmdlet name + cause, such
    /// as <c>SetIsClusteringTomlParse</c>) and the category PowerShell users filter on.
    /// </summary>
    internal static class ErrorRecords
    {
        /// <param name="message">What to show instead of the exception's message (with what was put back, say).</param>
        public static ErrorRecord From(Cmdlet cmdlet, Exception error, object target, string message = null)
        {
            var (cause, category) = Classify(error);
            return new ErrorRecord(error, Prefix(cmdlet) + cause, category, target)
            {
                ErrorDetails = new ErrorDetails(message ?? error.Message) { RecommendedAction = Recommendations.For(cause) },
            };
        }

        /// <summary>
        /// What <paramref name="build"/> makes of the parameters; a value it refuses (an
        /// ArgumentException) stops the cmdlet before anything is changed.
        /// </summary>
        public static T OrStop<T>(PSCmdlet cmdlet, Func<T> build, object target)
        {
            try
            {
                return build();
            }
            catch (ArgumentException error)
            {
                cmdlet.ThrowTerminatingError(From(cmdlet, error, target));
                throw;   // not reached: ThrowTerminatingError throws
            }
        }

        private static (string Cause, ErrorCategory Category) Classify(Exception error)
        {
            switch (error)
            {
                case TomlEditException _: return ("TomlParse", ErrorCategory.ParserError);
                case PackException _: return ("NotAPack", ErrorCategory.InvalidData);
                case DestinationNotEmptyException _: return ("PathNotEmpty", ErrorCategory.ResourceExists);
                case ClusterPlanException _: return ("ClusterAddressClash", ErrorCategory.InvalidArgument);
                case NginxException _: return ("NginxRejected", ErrorCategory.InvalidResult);
                case SchemaException schema: return Classify(schema.Problem);
                case HostKeyException key: return ("HostKey" + key.Problem, ErrorCategory.SecurityError);
                case SshConnectException ssh: return ssh.Authentication ? ("SshAuthentication",
                    ErrorCategory.AuthenticationError) : ("SshConnection", ErrorCategory.ConnectionError);
                case Engine.Secrets.VaultKeystoreException _: return ("Keystore", ErrorCategory.SecurityError);
                case Engine.Rolling.RestartException restart: return Classify(restart.Reason);
                case SshSessionClosedException _: return ("SessionClosed", ErrorCategory.ConnectionError);
                case Engine.Is.Services.ServiceException service: return (service.Problem.ToString(), Category(service.Problem));
                case Engine.Plans.SpecException _: return ("InvalidSpec", ErrorCategory.InvalidArgument);
                case Engine.Plans.ClusterCheckException _: return ("ClusterCheckFailed", ErrorCategory.InvalidResult);
                case CredentialNotFoundException _: return ("CredentialNotFound", ErrorCategory.ObjectNotFound);
                case NodeInputException input: return input.None ? ("NoNode", ErrorCategory.InvalidArgument)
                    : ("NodeInputFailed", ErrorCategory.InvalidArgument);
                case ArgumentException _: return ("InvalidValue", ErrorCategory.InvalidArgument);
                case TimeoutException _: return ("Timeout", ErrorCategory.OperationTimeout);
                case FileNotFoundException _: return ("NotFound", ErrorCategory.ObjectNotFound);
                case DirectoryNotFoundException _: return ("NotFound", ErrorCategory.ObjectNotFound);
                case ItemNotFoundException _: return ("NotFound", ErrorCategory.ObjectNotFound);
                case InvalidDataException _: return ("InvalidData", ErrorCategory.InvalidData);
                case SudoRefusedException _: return ("SudoRefused", ErrorCategory.PermissionDenied);
                case UnauthorizedAccessException _: return ("AccessDenied", ErrorCategory.PermissionDenied);
                case OperationCanceledException _: return ("Stopped", ErrorCategory.OperationStopped);
                case IOException _: return ("IOError", ErrorCategory.WriteError);
                default: return ("Failed", ErrorCategory.NotSpecified);
            }
        }

        private static ErrorCategory Category(Engine.Is.Services.ServiceProblem problem)
        {
            switch (problem)
            {
                case Engine.Is.Services.ServiceProblem.ForeignUnit: return ErrorCategory.ResourceExists;
                case Engine.Is.Services.ServiceProblem.NodeRuns: return ErrorCategory.ResourceBusy;
                case Engine.Is.Services.ServiceProblem.NoJava: return ErrorCategory.ObjectNotFound;
                case Engine.Is.Services.ServiceProblem.InvalidSetting: return ErrorCategory.InvalidArgument;
                default: return ErrorCategory.InvalidResult;
            }
        }

        private static (string Cause, ErrorCategory Category) Classify(Engine.Rolling.RollStop reason)
        {
            switch (reason)
            {
                case Engine.Rolling.RollStop.LastServingNode: return ("LastServingNode", ErrorCategory.ResourceUnavailable);
                case Engine.Rolling.RollStop.NotBack: return ("NotBack", ErrorCategory.OperationTimeout);
                case Engine.Rolling.RollStop.UnnamedUpstream: return ("UnnamedUpstream", ErrorCategory.ResourceUnavailable);
                default: return ("RollStopped", ErrorCategory.InvalidResult);
            }
        }

        private static (string Cause, ErrorCategory Category) Classify(SchemaProblem problem)
        {
            switch (problem)
            {
                case SchemaProblem.Unreachable: return ("Unreachable", ErrorCategory.ConnectionError);
                case SchemaProblem.AccessDenied: return ("AccessDenied", ErrorCategory.AuthenticationError);
                case SchemaProblem.MissingDatabase: return ("MissingDatabase", ErrorCategory.PermissionDenied);
                case SchemaProblem.HalfInstalled: return ("HalfInstalled", ErrorCategory.InvalidData);
                case SchemaProblem.MissingScripts: return ("MissingScripts", ErrorCategory.ObjectNotFound);
                default: return ("StatementFailed", ErrorCategory.InvalidResult);
            }
        }

        private static string Prefix(Cmdlet cmdlet)
        {
            var name = cmdlet.GetType().Name;
            return name.EndsWith("Command", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Command".Length) : name;
        }
    }
}
