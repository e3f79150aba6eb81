using System.Text;
using TokenHound.Core;

namespace TokenHound.Code.Tests;

/// <summary>Bad input: files that do not parse, minified bundles, pathological nesting. A warning, bounded work, no crash.</summary>
public sealed class RobustnessTests
{
    private static (List<Finding> Findings, List<ScanWarning> Warnings) Run(string path, string text) =>
        Samples.Analyze(new SourceFile { Path = path, Text = text });

    [Fact]
    public void Javascript_that_does_not_parse_is_a_warning_and_still_analysed()
    {
        var text = "exports.handler = async (event) => {\n  console.log(event.headers.Authorization);\n  const x = {;\n};\n";
        var (findings, warnings) = Run("src/broken.js", text);
        var w = Assert.Single(warnings);
        Assert.Equal("src/broken.js", w.Input);
        Assert.Contains("does not parse as JavaScript", w.Message);
        Assert.Contains(findings, f => f.RuleId == "THC001" && f.Location.Line == 2);
    }

    [Fact]
    public void Csharp_that_does_not_parse_is_a_warning_from_roslyn()
    {
        var text = "class C {\n  void M(APIGatewayProxyRequest request) {\n    Console.WriteLine(request.Headers[\"Authorization\"]);\n    if (x {\n  }\n}\n";
        var (findings, warnings) = Run("Broken.cs", text);
        Assert.Contains(warnings, w => w.Message.Contains("does not parse as C# (Roslyn", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "THC001" && f.Location.Line == 3);
    }

    [Theory]
    [InlineData("broken.py", "def handler(event, context):\n    print(event['headers']['Authorization']\n")]
    [InlineData("broken.go", "package main\nfunc h(r *http.Request) {\n\tlog.Println(r.Header.Get(\"Authorization\"))\n")]
    [InlineData("Broken.java", "class A {\n  void h(String token) {\n    System.out.println(token);\n")]
    public void Unbalanced_files_warn_and_are_still_analysed(string path, string text)
    {
        var (findings, warnings) = Run(path, text);
        Assert.Contains(warnings, w => w.Message.Contains("does not parse", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId is "THC001");
    }

    [Fact]
    public void A_five_megabyte_minified_bundle_is_skipped_with_a_warning()
    {
        var sb = new StringBuilder();
        while (sb.Length < 5 * 1024 * 1024)
        {
            sb.Append("var a=function(e){return console.log(e.headers.authorization),e.x&&e.y?e:{a:1,b:[2,3]}};");
        }

        var (findings, warnings) = Run("dist/bundle.min.js", sb.ToString());
        Assert.Empty(findings);
        var w = Assert.Single(warnings);
        Assert.Contains("code analysis", w.Message);
    }

    [Fact]
    public void A_large_minified_file_under_the_size_limit_is_skipped_as_minified()
    {
        var line = string.Concat(Enumerable.Repeat("a.b(c,d);", 20_000));
        var (_, warnings) = Run("dist/app.js", line + "\n" + line);
        Assert.Contains(warnings, w => w.Message.Contains("minified", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("deep.js")]
    [InlineData("deep.py")]
    [InlineData("deep.ts")]
    [InlineData("Deep.cs")]
    [InlineData("Deep.java")]
    [InlineData("deep.go")]
    public void Deeply_nested_expressions_warn_and_do_not_crash(string path)
    {
        const int N = 20_000;
        // (console.log is a sink word: without one, a JavaScript file is not parsed at all)
        var text = "token = event\nconsole.log(token)\n" + "x = " + string.Concat(Enumerable.Repeat("(\n", N)) + "1" + string.Concat(Enumerable.Repeat(")\n", N))
            + "y = " + string.Concat(Enumerable.Repeat("[\n", N)) + string.Concat(Enumerable.Repeat("]\n", N))
            + "z = " + string.Concat(Enumerable.Repeat("f(\n", N)) + string.Concat(Enumerable.Repeat(")\n", N))
            + "w = a" + string.Concat(Enumerable.Repeat(" +\n a", 5 * N)) + "\n"
            + "v = a" + string.Concat(Enumerable.Repeat(".b\n", 5 * N)) + "\n";
        var (_, warnings) = Run(path, text);
        Assert.Contains(warnings, w => w.Message.Contains("nesting deeper than the analysis limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Deeply_nested_blocks_warn_and_do_not_crash()
    {
        var sb = new StringBuilder("function f(event) {\n");
        for (var i = 0; i < 5000; i++)
        {
            sb.Append("if (a) {\n");
        }

        sb.Append("console.log(event.headers.Authorization);\n"); // a sink: the body is parsed, not skipped
        for (var i = 0; i < 5000; i++)
        {
            sb.Append("}\n");
        }

        sb.Append("}\n");
        var (_, warnings) = Run("blocks.js", sb.ToString());
        Assert.Contains(warnings, w => w.Message.Contains("nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void Deeply_nested_blocks_without_a_sink_are_skipped_without_a_warning()
    {
        var sb = new StringBuilder("function f(event) {\n");
        for (var i = 0; i < 5000; i++)
        {
            sb.Append("if (a) {\n");
        }

        for (var i = 0; i < 5000; i++)
        {
            sb.Append("}\n");
        }

        sb.Append("}\n");
        var (findings, warnings) = Run("blocks.js", sb.ToString());
        Assert.Empty(findings);
        Assert.DoesNotContain(warnings, w => w.Message.Contains("nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void Files_without_any_marker_are_not_analysed()
    {
        Assert.False(CodeFileAnalyzer.MayMatter("def add(a, b):\n    return a + b\n"));
        Assert.True(CodeFileAnalyzer.MayMatter("def h(event, context):\n    print(event)\n"));
        Assert.True(CodeFileAnalyzer.MayMatter("const x = process.env.X;"));
    }

    [Fact]
    public void Binary_garbage_and_unterminated_strings_do_not_crash()
    {
        var rnd = new Random(42);
        var chars = "{}[]()'\"`$#/\\*\n\t abcdef=.;:,<>!?@%&|+-0123456789fFrRbB".ToCharArray();
        foreach (var ext in new[] { ".js", ".ts", ".py", ".cs", ".java", ".go", ".jsx" })
        {
            for (var round = 0; round < 30; round++)
            {
                var text = new string([.. Enumerable.Range(0, 3000).Select(_ => chars[rnd.Next(chars.Length)])]);
                var ex = Record.Exception(() => Run("fuzz" + ext, text));
                Assert.Null(ex);
            }
        }
    }
}
