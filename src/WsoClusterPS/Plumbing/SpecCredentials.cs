using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// The credentials a spec names, resolved when it is planned: from -Credential, then from
    /// SecretManagement (Get-Secret) where that module is installed, then from Azure Automation
    /// (Get-AutomationPSCredential) where that command exists. Nothing prompts.
    /// </summary>
    internal sealed class SpecCredentials
    {
        private readonly PSCmdlet _cmdlet;
        private readonly Hashtable _given;
        private readonly Dictionary<string, NetworkCredential> _resolved = new Dictionary<string, NetworkCredential>(StringComparer.OrdinalIgnoreCase);

        public SpecCredentials(PSCmdlet cmdlet, Hashtable given)
        {
            _cmdlet = cmdlet;
            _given = given;
        }

        public NetworkCredential Resolve(string name)
        {
            if (!_resolved.TryGetValue(name, out var credential))
                _resolved[name] = credential = (Given(name) ?? From("Get-Secret", name) ?? From("Get-AutomationPSCredential", name))
                    ?.GetNetworkCredential() ?? throw new CredentialNotFoundException($"No credential named '{name}' was found: not in " +
                        "-Credential, nor in SecretManagement (Get-Secret) or Azure Automation (Get-AutomationPSCredential) where they " +
                        $"exist. Give -Credential @{{ '{name}' = $credential }}, or store it under that name; nothing was changed.");
            return credential;
        }

        private PSCredential Given(string name)
        {
            if (_given == null || !_given.ContainsKey(name)) return null;
            var value = _given[name] is PSObject wrapped ? wrapped.BaseObject : _given[name];
            return value as PSCredential ?? throw new ArgumentException($"-Credential's '{name}' is a {value?.GetType().Name ?? "null"}, " +
                "not a PSCredential. Give a PSCredential (Get-Credential, or New-Object PSCredential); nothing was changed.");
        }

        /// <summary>The PSCredential <paramref name="command"/> -Name gives, or null where the command is not there or knows
        /// no such name.</summary>
        private PSCredential From(string command, string name)
        {
            if (_cmdlet.InvokeCommand.GetCommand(command, CommandTypes.Cmdlet | CommandTypes.Function) == null) return null;
            System.Collections.ObjectModel.Collection<PSObject> found;
            try
            {
                found = _cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create($"param($name) {command} -Name $name -ErrorAction Stop"),
                    null, name);
            }
            catch (RuntimeException)
            {
                // Not there under that name: the next source may have it.
                return null;
            }
            if (found.Count == 0 || found[0] == null) return null;
            return found[0].BaseObject as PSCredential ?? throw new ArgumentException($"{command} -Name '{name}' gives a " +
                $"{found[0].BaseObject.GetType().Name}, not a PSCredential: the spec needs the user name too. Store a PSCredential " +
                "under that name, or give it with -Credential; nothing was changed.");
        }
    }
}
