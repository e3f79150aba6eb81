namespace TokenHound.Code;

// The language-neutral intermediate model every front-end produces and the one taint engine reads.

public abstract class Node
{
    /// <summary>Char offset in the file where the node starts (the "anchor" used for findings).</summary>
    public int Start;
    public int End;
}

public abstract class Expr : Node;

public sealed class NameExpr(string name) : Expr
{
    public string Name { get; } = name;
}

/// <summary>obj.name, obj?.name, obj["name"], obj::name. NameStart is where the member name is.</summary>
public sealed class MemberExpr(Expr obj, string name, int nameStart) : Expr
{
    public Expr Obj { get; } = obj;
    public string Name { get; } = name;
    public int NameStart { get; } = nameStart;
}

public sealed class IndexExpr(Expr obj, Expr? index, bool isSlice) : Expr
{
    public Expr Obj { get; } = obj;
    public Expr? Index { get; } = index;
    public bool IsSlice { get; } = isSlice;
}

public sealed record Arg(string? Name, Expr Value, int Start);

/// <summary>A call, a `new T(...)`, a C# object creation with initializer, a Go composite literal (Initializer only).</summary>
public sealed class CallExpr(Expr callee, List<Arg> args, bool isNew) : Expr
{
    public Expr Callee { get; } = callee;
    public List<Arg> Args { get; } = args;
    public bool IsNew { get; } = isNew;
    public ObjectExpr? Initializer { get; set; }

    /// <summary>Where the called name is (the method name of a member callee), for findings on multi-line chains.</summary>
    public int NameStart { get; set; }
}

public enum LitKind
{
    Number,
    True,
    False,
    Null,
    Other,
}

public sealed class StrExpr(string value) : Expr
{
    public string Value { get; } = value;
}

public sealed class LitExpr(LitKind kind, string text) : Expr
{
    public LitKind Kind { get; } = kind;
    public string Text { get; } = text;
}

/// <summary>Template literal / f-string / $"..." / interpolation: literal parts are StrExpr.</summary>
public sealed class InterpExpr(List<Expr> parts) : Expr
{
    public List<Expr> Parts { get; } = parts;
}

public sealed class BinaryExpr(string op, Expr left, Expr right) : Expr
{
    public string Op { get; } = op;
    public Expr Left { get; } = left;
    public Expr Right { get; } = right;
}

public sealed class UnaryExpr(string op, Expr operand) : Expr
{
    public string Op { get; } = op;
    public Expr Operand { get; } = operand;
}

public sealed class CondExpr(Expr test, Expr then, Expr @else) : Expr
{
    public Expr Test { get; } = test;
    public Expr Then { get; } = then;
    public Expr Else { get; } = @else;
}

/// <summary>A property of an object literal / dict / initializer / composite literal. Key null = spread.</summary>
public sealed record Prop(string? Key, Expr Value, int KeyStart);

public sealed class ObjectExpr(List<Prop> props) : Expr
{
    public List<Prop> Props { get; } = props;

    public Expr? Get(string key) => GetProp(key)?.Value;

    public Prop? GetProp(string key)
    {
        var norm = Names.Norm(key);
        foreach (var p in Props)
        {
            if (p.Key is not null && Names.Norm(p.Key) == norm)
            {
                return p;
            }
        }

        return null;
    }
}

public sealed class ArrayExpr(List<Expr> items) : Expr
{
    public List<Expr> Items { get; } = items;
}

public sealed class LambdaExpr(FunctionDef fn) : Expr
{
    public FunctionDef Fn { get; } = fn;
}

public sealed class UnknownExpr(List<Expr> children) : Expr
{
    public List<Expr> Children { get; } = children;
}

public abstract class Stmt : Node;

public sealed class ExprStmt(Expr e) : Stmt
{
    public Expr E { get; } = e;

    /// <summary>A throw / raise statement (E is what it throws): nothing after it in its block runs.</summary>
    public bool Throws { get; init; }
}

public sealed class AssignStmt(Expr target, Expr value, string op) : Stmt
{
    public Expr Target { get; } = target;
    public Expr Value { get; } = value;
    public string Op { get; } = op;
}

public sealed class ReturnStmt(Expr? value) : Stmt
{
    public Expr? Value { get; } = value;
}

public sealed class IfStmt(Expr cond, List<Stmt> then, List<Stmt> @else) : Stmt
{
    public Expr Cond { get; } = cond;
    public List<Stmt> Then { get; } = then;
    public List<Stmt> Else { get; } = @else;
}

/// <summary>Loops, switch, using, with, try: header expressions plus a body.</summary>
public sealed class BlockStmt(List<Stmt> header, List<Stmt> body) : Stmt
{
    public List<Stmt> Header { get; } = header;
    public List<Stmt> Body { get; } = body;
}

public sealed class CatchStmt(string? var, List<Stmt> body) : Stmt
{
    public string? Var { get; } = var;
    public List<Stmt> Body { get; } = body;
}

public sealed class FuncStmt(FunctionDef fn) : Stmt
{
    public FunctionDef Fn { get; } = fn;
}

public sealed record Param(string Name, string? Type)
{
    /// <summary>The request header or cookie the parameter is bound to (@RequestHeader("Authorization"), FastAPI Header()), if any.</summary>
    public string? Header { get; init; }
}

public sealed class FunctionDef : Node
{
    public string? Name;
    public List<Param> Params = [];
    public List<Stmt> Body = [];
    public List<Expr> Decorators = [];

    /// <summary>Declared directly in a class body (a method).</summary>
    public bool IsMethod;

    /// <summary>The key of the object property whose value this anonymous function is (`formatError: (f, e) => …`), or null.</summary>
    public string? PropertyKey;

    /// <summary>The engine run that walked this function (a stamp instead of a hash set of visited functions).</summary>
    internal int WalkStamp;

    /// <summary>What its return statements returned, as the engine saw it when it walked the function (for calls after it).</summary>
    internal T Returns;

    /// <summary>
    /// What each position of its returned tuples carried (<c>return token, claimant_id</c>), when every return statement
    /// returned a tuple of the same length; null otherwise (<see cref="ReturnsMixed"/>).
    /// </summary>
    internal T[]? ReturnItems;

    /// <summary>A return statement returned something other than a tuple of <see cref="ReturnItems"/>' length.</summary>
    internal bool ReturnsMixed;
}

/// <summary>What a front-end hands to the engine.</summary>
public sealed class CodeModel
{
    public required Lang Lang { get; init; }
    public required FunctionDef Module { get; init; }
    public List<string> Problems { get; } = [];

    /// <summary>Function bodies the parser skipped because they hold no sink word (see <see cref="SinkWords"/>).</summary>
    public int SkippedFunctions { get; set; }
}
