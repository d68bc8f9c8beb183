using System;
using System.Collections.Generic;
using System.Linq;
using WsoClusterPS.Engine.Toml;

namespace WsoClusterPS.Engine.Is.Membership
{
    /// <summary>
    /// Which <c>[clustering.properties]</c> keys belong to a membership scheme, so a switch of
    /// scheme removes the old one's and keeps the rest. From WSO2's docs for each scheme and the
    /// kubernetes membership scheme's constants.
    /// </summary>
    public static class SchemeProperties
    {
        public const string Table = "clustering.properties";

        private static readonly string[] Aws =
            { "accessKey", "secretKey", "securityGroup", "region", "tagKey", "tagValue", "hostHeader", "iamRole", "connTimeout" };

        /// <summary>Whether <paramref name="key"/> configures <paramref name="scheme"/>; the class name of a scheme's
        /// implementation belongs to whichever scheme it is.</summary>
        public static bool BelongsTo(string scheme, string key)
        {
            if (key == "membershipSchemeClassName") return true;
            switch ((scheme ?? string.Empty).ToLowerInvariant())
            {
                case "kubernetes": return key.StartsWith("KUBERNETES_", StringComparison.Ordinal) || key == "USE_DNS";
                case "aws":
                case "aws-ecs": return Aws.Contains(key, StringComparer.Ordinal);
                default: return false;
            }
        }

        /// <summary>Removes the old scheme's properties when the file switches to <paramref name="newScheme"/>.</summary>
        public static void RemoveStale(TomlEditor toml, string newScheme)
        {
            var old = toml.Get(DeploymentKeys.MembershipScheme) as string;
            if (old == null || string.Equals(old, newScheme, StringComparison.OrdinalIgnoreCase)) return;
            foreach (var key in toml.Keys(Table).Where(k => BelongsTo(old, TomlPath.Split(k).Last())).ToList())
                toml.Remove(Table, key);
        }
    }
}
