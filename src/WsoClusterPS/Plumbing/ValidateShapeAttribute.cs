using System;
using System.Collections;
using System.Management.Automation;
using WsoClusterPS.Engine.Validation;

namespace WsoClusterPS.Plumbing
{
    /// <summary>
    /// Like ValidatePattern, but with the engine's shared shapes, and the error says what the value
    /// should be in words: PowerShell 5.1 has no ErrorMessage on ValidatePattern and would print the
    /// regular expression.
    /// </summary>
    public sealed class ValidateShapeAttribute : ValidateArgumentsAttribute
    {
        private readonly ParameterShape _shape;

        public ValidateShapeAttribute(ParameterShape shape) => _shape = shape;

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var shape = Of(_shape);
            // A hashtable (host -> fingerprint) is checked by its values.
            var values = arguments is IDictionary map ? map.Values
                : arguments is IEnumerable many && !(arguments is string) ? many : new[] { arguments };
            foreach (var value in values)
            {
                var text = value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();
                if (!shape.Matches(text)) throw new ValidationMetadataException($"'{Shape.Show(text)}' is not {shape.Expected}.");
            }
        }

        private static Shape Of(ParameterShape shape)
        {
            switch (shape)
            {
                case ParameterShape.HostName: return Shapes.HostName;
                case ParameterShape.HostOrAddress: return Shapes.HostOrAddress;
                case ParameterShape.Member: return Shapes.Member;
                case ParameterShape.ClusterDomain: return Shapes.ClusterDomain;
                case ParameterShape.FileNameBase: return Shapes.FileNameBase;
                case ParameterShape.NodeName: return Shapes.NodeName;
                case ParameterShape.Fingerprint: return Shapes.Fingerprint;
                case ParameterShape.UserStoreType: return Shapes.UserStoreType;
                case ParameterShape.DatabaseName: return Shapes.DatabaseName;
                case ParameterShape.SingleLine: return Shapes.SingleLine;
                case ParameterShape.UserName: return Shapes.UserName;
                case ParameterShape.Identifier: return Shapes.Identifier;
                case ParameterShape.TableName: return Shapes.TableName;
                default: throw new ArgumentOutOfRangeException(nameof(shape), shape, "A shape the engine does not know.");
            }
        }
    }
}
