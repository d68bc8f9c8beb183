using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// A cluster spec as -Spec takes it: a .psd1 path (read with Import-PowerShellDataFile, so no
    /// code runs), a .json path, a hashtable or a ConvertFrom-Json object; made plain (tables,
    /// arrays, texts, numbers) for the engine, with the folder its relative paths start from.
    /// </summary>
    internal static class SpecInput
    {
        public static (IDictionary Table, string Folder) Read(PSCmdlet cmdlet, object spec)
        {
            if (spec is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) spec = wrapped.BaseObject;
            switch (spec)
            {
                case IDictionary _:
                case PSObject _:
                    return ((IDictionary)Plain(spec), cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath);
                case FileInfo file:
                    return FromFile(cmdlet, file.FullName);
                case string path:
                    return FromFile(cmdlet, cmdlet.GetUnresolvedProviderPathFromPSPath(path));
                default:
                    throw new ArgumentException("-Spec takes the path of a .psd1 or .json file, or a hashtable; it was given " +
                        $"{spec?.GetType().Name ?? "nothing"}. Nothing was changed.");
            }
        }

        private static (IDictionary, string) FromFile(PSCmdlet cmdlet, string path)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"The spec file '{path}' does not exist. Give the path of a .psd1 or .json spec.", path);
            var json = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            var read = json
                ? cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($text) ConvertFrom-Json -InputObject $text"), null,
                    File.ReadAllText(path))
                : cmdlet.InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($path) Import-PowerShellDataFile -LiteralPath $path"),
                    null, path);
            if (read.Count != 1 || !(Plain(read[0]) is IDictionary table))
                throw new InvalidDataException($"The spec file '{path}' does not hold one table (@{{ ... }}, or {{ ... }} in JSON).");
            return (table, Path.GetDirectoryName(path));
        }

        /// <summary>Tables, arrays and plain values, whatever wrapped them (PSObject, a JSON object).</summary>
        private static object Plain(object value)
        {
            if (value is PSObject wrapped)
            {
                if (!(wrapped.BaseObject is PSCustomObject)) return Plain(wrapped.BaseObject);
                var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (var property in wrapped.Properties) table[property.Name] = Plain(property.Value);
                return table;
            }
            switch (value)
            {
                case IDictionary dictionary:
                    var copy = new Hashtable(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary) copy[entry.Key] = Plain(entry.Value);
                    return copy;
                case string text:
                    return text;
                case IEnumerable list:
                    return list.Cast<object>().Select(Plain).ToArray();
                default:
                    return value;
            }
        }
    }
}
