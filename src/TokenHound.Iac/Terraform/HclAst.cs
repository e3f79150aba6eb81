namespace TokenHound.Iac.Terraform;

/// <summary>HCL2 native-syntax syntax tree. Offsets index the source text; lines/columns come from the file's line map.</summary>
public abstract class HExpr
{
    public int Start { get; init; }
    public int End { get; set; }
}

public enum HLitKind { String, Number, Bool, Null }

public sealed class HLiteral : HExpr
{
    public required HLitKind Kind { get; init; }
    public required string Value { get; init; }
}

/// <summary>A quoted or heredoc template: literal strings and interpolated expressions; directives (%{if}/%{for}) make it dynamic.</summary>
public sealed class HTemplate : HExpr
{
    public List<object> Parts { get; } = []; // string or HExpr
    public bool HasDirectives { get; set; }
    public bool Heredoc { get; init; }

    /// <summary>For heredocs: offset of the first content character.</summary>
    public int ContentStart { get; init; }
}

public sealed class HTuple : HExpr
{
    public List<HExpr> Items { get; } = [];
}

public sealed class HObjectItem
{
    public required HExpr Key { get; init; }
    public required HExpr Value { get; init; }
}

public sealed class HObject : HExpr
{
    public List<HObjectItem> Items { get; } = [];
}

/// <summary>A variable (var, local, aws_iam_role ...) with attribute/index/splat steps.</summary>
public sealed class HTraversal : HExpr
{
    public required HExpr Root { get; init; }
    public List<HStep> Steps { get; } = [];
}

public abstract record HStep;
public sealed record HAttrStep(string Name) : HStep;
public sealed record HIndexStep(HExpr Index) : HStep;
public sealed record HSplatStep(bool Full) : HStep;

public sealed class HVariable : HExpr
{
    public required string Name { get; init; }
}

public sealed class HCall : HExpr
{
    public required string Name { get; init; }
    public List<HExpr> Args { get; } = [];
    public bool ExpandFinal { get; set; }
}

public sealed class HConditional : HExpr
{
    public required HExpr Condition { get; init; }
    public required HExpr True { get; init; }
    public required HExpr False { get; init; }
}

public sealed class HBinary : HExpr
{
    public required string Op { get; init; }
    public required HExpr Left { get; init; }
    public required HExpr Right { get; init; }
}

public sealed class HUnary : HExpr
{
    public required string Op { get; init; }
    public required HExpr Operand { get; init; }
}

public sealed class HFor : HExpr
{
    public required string KeyVar { get; init; }
    public string? ValueVar { get; init; }
    public required HExpr Collection { get; init; }
    public HExpr? KeyExpr { get; init; }
    public required HExpr ValueExpr { get; init; }
    public HExpr? Condition { get; init; }
    public bool IsObject { get; init; }
    public bool Grouping { get; init; }
}

public sealed class HParens : HExpr
{
    public required HExpr Inner { get; init; }
}

public sealed class HAttribute
{
    public required string Name { get; init; }
    public required int NameStart { get; init; }
    public required HExpr Value { get; init; }
}

public sealed class HBlock
{
    public required string Type { get; init; }
    public List<string> Labels { get; } = [];
    public required int Start { get; init; }
    public required HBody Body { get; init; }
}

public sealed class HBody
{
    public List<HAttribute> Attributes { get; } = [];
    public List<HBlock> Blocks { get; } = [];

    public HAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);

    public IEnumerable<HBlock> BlocksOf(string type) => Blocks.Where(b => b.Type == type);
}
