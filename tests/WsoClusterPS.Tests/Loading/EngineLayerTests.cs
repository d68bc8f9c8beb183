using System.Reflection;
using System.Reflection.Emit;
using WsoClusterPS.Engine.Hosts;

namespace WsoClusterPS.Tests.Loading;

/// <summary>
/// The engine's folders stay layers: no two of them use each other, directly or round a ring, so
/// each can be read, tested and changed from the ones below it. Read from the compiled engine:
/// signatures and every type and member its method bodies name.
/// </summary>
public class EngineLayerTests
{
    private static readonly Assembly Engine = typeof(LocalHost).Assembly;
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    [Fact]
    public void No_engine_folder_uses_one_that_uses_it_back()
    {
        var uses = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in Engine.GetTypes())
        {
            var from = Folder(type);
            foreach (var (used, where) in Used(type))
            {
                var to = Folder(used);
                if (to == null || to == from) continue;
                if (!uses.TryGetValue(from, out var edges)) uses[from] = edges = [];
                edges.TryAdd(to, $"{type.Name} uses {used.Name}{where}");
            }
        }
        var rings = Rings(uses).Select(ring => string.Join("; ", ring.SelectMany(a => uses[a].Where(e => ring.Contains(e.Key))
            .Select(e => $"{a} -> {e.Key} ({e.Value})"))));
        Assert.Empty(rings);
    }

    [Fact]
    public void The_check_finds_a_ring_when_there_is_one()
    {
        var uses = new Dictionary<string, Dictionary<string, string>>
        {
            ["A"] = new() { ["B"] = "a" }, ["B"] = new() { ["C"] = "b" }, ["C"] = new() { ["A"] = "c" }, ["D"] = new() { ["A"] = "d" },
        };
        Assert.Equal(["A", "B", "C"], Assert.Single(Rings(uses)).Order());
    }

    private static string Folder(Type type) =>
        type.Assembly == Engine && type.Namespace?.StartsWith("WsoClusterPS.Engine.", StringComparison.Ordinal) == true
            ? type.Namespace["WsoClusterPS.Engine.".Length..] : null;

    /// <summary>The engine types a type names: its base, interfaces, fields, signatures, and its method bodies' tokens.</summary>
    private static IEnumerable<(Type Type, string Where)> Used(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var named = new List<(Type, string)>();
        if (type.BaseType != null) named.Add((type.BaseType, ""));
        named.AddRange(type.GetInterfaces().Select(i => (i, "")));
        named.AddRange(type.GetFields(all).Select(f => (f.FieldType, "")));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            named.AddRange(method.GetParameters().Select(p => (p.ParameterType, $" in {method.Name}")));
            if (method is MethodInfo info) named.Add((info.ReturnType, $" in {method.Name}"));
            named.AddRange(BodyTokens(method).Select(t => (t, $" in {method.Name}")));
        }
        return named.SelectMany(n => Expand(n.Item1).Select(t => (t, n.Item2)));
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        if (type == null) yield break;
        if (type.HasElementType) { foreach (var t in Expand(type.GetElementType())) yield return t; yield break; }
        yield return type;
        if (type.IsGenericType)
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand)) yield return argument;
    }

    private static IEnumerable<Type> BodyTokens(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il == null) yield break;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            var size = opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
            if (opCode.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                MemberInfo member = null;
                try
                {
                    member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), method.DeclaringType?.GetGenericArguments(),
                        method.IsGenericMethod ? method.GetGenericArguments() : null);
                }
                catch (ArgumentException)
                {
                    // A token of a generic context this reading does not carry: its declaring type is still named by the signature.
                }
                if (member is Type named) yield return named;
                else if (member?.DeclaringType != null) yield return member.DeclaringType;
            }
            at += size;
        }
    }

    /// <summary>The rings of a graph: its strongly connected parts of more than one folder (Tarjan).</summary>
    private static List<List<string>> Rings(Dictionary<string, Dictionary<string, string>> uses)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var rings = new List<List<string>>();
        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in uses.GetValueOrDefault(folder, []).Keys)
            {
                if (!index.ContainsKey(next)) { Visit(next); low[folder] = Math.Min(low[folder], low[next]); }
                else if (stack.Contains(next)) low[folder] = Math.Min(low[folder], index[next]);
            }
            if (low[folder] != index[folder]) return;
            var ring = new List<string>();
            string popped;
            do ring.Add(popped = stack.Pop()); while (popped != folder);
            if (ring.Count > 1) rings.Add(ring);
        }
        foreach (var folder in uses.Keys.ToList()) if (!index.ContainsKey(folder)) Visit(folder);
        return rings;
    }
}
