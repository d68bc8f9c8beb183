using System.Management.Automation;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// Whether a ShouldProcess description will be seen: printed by -WhatIf, asked about by
    /// -Confirm, or written by -Verbose. A diff of a large file is built only then.
    /// </summary>
    internal static class ShouldProcessText
    {
        public static bool IsShown(PSCmdlet cmdlet) =>
            IsWhatIf(cmdlet) || Switch(cmdlet, "Confirm", null) || Confirms(cmdlet) || Verbose(cmdlet);

        /// <summary>-WhatIf, or $WhatIfPreference: every ShouldProcess prints and answers no.</summary>
        public static bool IsWhatIf(PSCmdlet cmdlet) => Switch(cmdlet, "WhatIf", "WhatIfPreference");

        private static bool Switch(PSCmdlet cmdlet, string parameter, string preference)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out var bound)) return IsOn(bound);
            return preference != null && IsOn(cmdlet.GetVariableValue(preference));
        }

        /// <summary>Our cmdlets have the default (Medium) impact: a ConfirmPreference of Medium or Low asks.</summary>
        private static bool Confirms(PSCmdlet cmdlet) =>
            cmdlet.GetVariableValue("ConfirmPreference") is ConfirmImpact impact &&
            impact != ConfirmImpact.None && impact <= ConfirmImpact.Medium;

        private static bool Verbose(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Verbose", out var bound)) return IsOn(bound);
            return cmdlet.GetVariableValue("VerbosePreference") is ActionPreference preference &&
                   preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }

        private static bool IsOn(object value)
        {
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value is SwitchParameter flag ? flag.IsPresent : value is bool on && on;
        }
    }
}
