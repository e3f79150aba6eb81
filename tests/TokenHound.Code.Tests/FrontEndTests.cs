using TokenHound.Core;

namespace TokenHound.Code.Tests;

/// <summary>The front-ends on the string, comment and syntax forms real files use.</summary>
public sealed class FrontEndTests
{
    private static List<(string Rule, int Line)> Findings(string path, string text) =>
        [.. Samples.Analyze(new SourceFile { Path = path, Text = text }).Findings.Select(f => (f.RuleId, f.Location.Line))];

    [Theory]
    [InlineData("\n")]
    [InlineData("\n\n")]
    [InlineData("\n# a comment between them\n")]
    [InlineData("\r\n\r\n")]
    public void Python_functions_after_a_blank_line_are_separate_functions(string gap)
    {
        var nl = gap.Contains('\r', StringComparison.Ordinal) ? "\r\n" : "\n";
        var text = string.Join(nl, "def first(x):", "    return None", "") + gap + string.Join(nl, "def second(a, b):", "    return a", "");
        var model = Parser.Parse(text, Lang.Python);
        var names = model.Module.Body.OfType<FuncStmt>().Select(f => f.Fn.Name).ToList();
        Assert.Equal(["first", "second"], names);
    }

    [Fact]
    public void A_python_handler_after_one_blank_line_gets_its_own_parameters()
    {
        // The handler's `request` is the Lambda event (it has a context parameter): logging it is THC002. Before the
        // blank-line fix, the handler was parsed into the function above it.
        const string text = "def profile(request):\n    log.info(\"req %r\", request)\n\ndef handler(request, context):\n    print(request)\n";
        Assert.Equal([("THC002", 5)], Findings("app.py", text));
    }

    [Fact]
    public void Python_string_forms_and_decorators()
    {
        var text = """"
            import logging
            log = logging.getLogger()

            DOC = '''
            log.info(token)   # inside a triple-quoted string: not code
            '''
            RAW = r"C:\path\d+" + 'x'
            BYTES = rb'\d+'

            @app.route("/a", methods=["GET"])
            @requires_auth
            def a(token):
                log.info(f"token={token!r:>10}")
                log.info(f'{"nested"} {token}')
                log.info(f"""multi
                line {token}""")
                log.info("no leak: {token}")
                value = (token
                         .strip())
                log.info(
                    "continued %s",
                    value.strip() or token,
                )
            """";
        Assert.Equal([("THC001", 13), ("THC001", 14), ("THC001", 15), ("THC001", 20)], Findings("a.py", text));
    }

    [Fact]
    public void Go_raw_strings_and_runes()
    {
        var text = "package main\n\nvar q = `select \"token\" from t // not a comment`\nvar r = '\"'\n\nfunc h(r *http.Request) {\n\tauth := r.Header.Get(\"Authorization\")\n\tlog.Printf(`auth=%s`, auth)\n}\n";
        Assert.Equal([("THC001", 8)], Findings("main.go", text));
    }

    [Fact]
    public void Java_text_blocks_and_annotations()
    {
        var text = "class A {\n  private static final String Q = \"\"\"\n      SELECT token FROM t; System.out.println(token);\n      \"\"\";\n  @GetMapping(\"/x\")\n  public String x(@RequestHeader(\"Authorization\") String authorization) {\n    System.out.println(authorization);\n    return \"ok\";\n  }\n}\n";
        Assert.Equal([("THC001", 7)], Findings("A.java", text));
    }

    [Theory]
    [InlineData("A.java", "class A {\n  Object f() {\n    return new StringBuilder().append(1).append(2);\n  }\n}\n")]
    [InlineData("a.js", "function f() {\n  return new StringBuilder().append(1).append(2);\n}\n")]
    public void A_call_chain_goes_on_from_a_new_object(string file, string text)
    {
        // new X().a(1).b(2) is one expression: before, Java and JavaScript ended the statement after new X()
        var model = Parser.Parse(text, file.EndsWith(".java", StringComparison.Ordinal) ? Lang.Java : Lang.JavaScript);
        var fn = FindFunction(model.Module.Body, "f")!;
        var ret = Assert.IsType<ReturnStmt>(Assert.Single(fn.Body));
        var outer = Assert.IsType<CallExpr>(ret.Value);
        var append2 = Assert.IsType<MemberExpr>(outer.Callee);
        var inner = Assert.IsType<CallExpr>(Assert.IsType<MemberExpr>(Assert.IsType<CallExpr>(append2.Obj).Callee).Obj);
        Assert.True(inner.IsNew);
    }

    private static FunctionDef? FindFunction(List<Stmt> stmts, string name)
    {
        foreach (var st in stmts)
        {
            var found = st switch
            {
                FuncStmt { Fn: var fn } when fn.Name == name => fn,
                FuncStmt { Fn: var fn } => FindFunction(fn.Body, name),
                BlockStmt b => FindFunction(b.Header, name) ?? FindFunction(b.Body, name),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    [Fact]
    public void Csharp_verbatim_raw_and_interpolated_strings()
    {
        var text = "class A {\n  void M(APIGatewayProxyRequest request) {\n    var p = @\"C:\\temp\\\"\"quoted\"\"\";\n    var raw = \"\"\"\n      Console.WriteLine(request.Headers[\"Authorization\"]);\n      \"\"\";\n    var auth = request.Headers[\"Authorization\"];\n    Console.WriteLine($\"{{literal}} {auth,20:G}\");\n    Console.WriteLine($$\"\"\"{\"x\"} {{auth}}\"\"\");\n  }\n}\n";
        Assert.Equal([("THC001", 8), ("THC001", 9)], Findings("A.cs", text));
    }

    [Fact]
    public void Typescript_type_syntax_does_not_hide_code()
    {
        var text = """
            import type { APIGatewayProxyEvent } from 'aws-lambda';
            enum Mode { A = 'a', B = 'b' }
            type Handler<T extends object = {}> = (e: T) => Promise<void>;
            interface Opts { token?: string; readonly n: number }
            abstract class Base<T> {
              protected constructor(private readonly name: string) {}
              abstract run(e: T): Promise<void>;
            }
            export const handler = async <T,>(event: APIGatewayProxyEvent, ctx?: unknown): Promise<{ statusCode: number }> => {
              const h = event.headers!;
              const auth = (h['Authorization'] as string | undefined)!;
              const parsed = JSON.parse<Record<string, unknown>>(event.body ?? '{}') satisfies object;
              console.log(auth!.trim());
              console.log(<string>parsed.id);
              return { statusCode: 200 };
            };
            """;
        Assert.Equal([("THC001", 13)], Findings("h.ts", text));
    }

    [Fact]
    public void Javascript_regex_templates_and_comments()
    {
        var text = "const re = /\\/\\/[`'\"]/g; // console.log(token)\n/* console.log(token) */\nconst t = `a ${`nested ${event.headers.authorization}`} b`;\nexports.h = (event) => {\n  const s = `x ${ { a: '}' }.a } ${event.headers.authorization}`;\n  console.log(s);\n  console.log(a / b / c, `${event.headers.authorization}`);\n};\n";
        Assert.Equal([("THC001", 6), ("THC001", 7)], Findings("x.js", text));
    }

    [Fact]
    public void Findings_carry_masked_evidence_and_stable_fingerprints()
    {
        var text = "import boto3\ns3 = boto3.client('s3', aws_access_key_id='AKIAZ7FAKEKEY2345X7Q', aws_secret_access_key='wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123')\n";
        var f1 = Assert.Single(Samples.Analyze(new SourceFile { Path = "a.py", Text = text }).Findings);
        Assert.DoesNotContain("AKIAZ7FAKEKEY2345X7Q", f1.Evidence);
        Assert.DoesNotContain("FAKEKEY123", f1.Evidence);
        Assert.Equal(Severity.Critical, f1.Severity);
        var f2 = Assert.Single(Samples.Analyze(new SourceFile { Path = "a.py", Text = "\n\n" + text }).Findings);
        Assert.Equal(f1.Fingerprint, f2.Fingerprint);
        Assert.Equal(f1.Location.Line + 2, f2.Location.Line);
    }
}
