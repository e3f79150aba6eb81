using TokenHound.Core;

namespace TokenHound.Code.Tests;

/// <summary>Skipping JavaScript, TypeScript and Python function bodies without a sink word (SinkWords) must never change a finding.</summary>
public sealed class SkipTests
{
    private static (List<Hit> Hits, CodeModel Model) Analyze(string text, Lang lang, bool skip)
    {
        var tokens = Lexer.Lex(text, lang);
        var model = Parser.Parse(text, lang, tokens, skipSinklessFunctions: skip);
        return (Engine.Run(model, text, "sample", _ => 1), model);
    }

    public static TheoryData<string> SkippedLanguageSamples()
    {
        var data = new TheoryData<string>();
        foreach (var f in Samples.RuleSampleFiles().Concat(Samples.HoldoutFiles()))
        {
            if (CodeAnalyzers.LanguageOf(f) is Lang.JavaScript or Lang.TypeScript or Lang.Python)
            {
                data.Add(f);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SkippedLanguageSamples))]
    public void Every_sample_has_the_same_findings_with_and_without_skipping(string rel)
    {
        var file = Samples.Load(rel);
        var lang = CodeAnalyzers.LanguageOf(rel)!.Value;
        var full = Analyze(file.Text, lang, skip: false).Hits.Select(h => (h.Rule.Id, h.Offset, h.Message)).ToList();
        var skipped = Analyze(file.Text, lang, skip: true).Hits.Select(h => (h.Rule.Id, h.Offset, h.Message)).ToList();
        Assert.Equal(full, skipped);
    }

    [Fact]
    public void The_samples_do_skip_functions()
    {
        // guards the test above: it proves nothing if no sample has a function without a sink word. (The samples are
        // handlers, so few of their functions are skipped; what the test above proves is that no function with a
        // finding is: every rule and sink has samples.)
        var skipped = 0;
        foreach (var rel in Samples.RuleSampleFiles().Concat(Samples.HoldoutFiles()).Where(f => CodeAnalyzers.LanguageOf(f) is Lang.JavaScript or Lang.TypeScript or Lang.Python))
        {
            skipped += Analyze(Samples.Load(rel).Text, CodeAnalyzers.LanguageOf(rel)!.Value, skip: true).Model.SkippedFunctions;
        }

        Assert.True(skipped >= 5, $"only {skipped} function bodies skipped over all samples");
    }

    [Fact]
    public void A_function_without_a_sink_is_skipped_and_a_closure_with_one_still_sees_the_outer_token()
    {
        const string text = """
            exports.handler = async (event) => {
              const auth = event.headers.Authorization;
              [1, 2, 3].forEach((i) => {
                const a = i * 2; const b = a + 1;
                console.log(auth);
              });
              function helper(x) {
                const y = x + 1; const z = y * 2; const w = z - 3;
                return w + y + z;
              }
              return { statusCode: 200, body: "ok" };
            };
            """;
        var (hits, model) = Analyze(text, Lang.JavaScript, skip: true);
        Assert.Equal(1, model.SkippedFunctions);
        var hit = Assert.Single(hits);
        Assert.Equal("THC001", hit.Rule.Id);
        Assert.Equal(text.IndexOf("log(auth)", StringComparison.Ordinal), hit.Offset);

        // the skipped function keeps its name and true extent, with an empty body
        var handler = ((LambdaExpr)((AssignStmt)model.Module.Body[0]).Value).Fn;
        var helper = handler.Body.OfType<FuncStmt>().Single().Fn;
        Assert.Equal("helper", helper.Name);
        Assert.Empty(helper.Body);
        Assert.Equal(text.IndexOf('}', text.IndexOf("return w", StringComparison.Ordinal)) + 1, helper.End);
    }

    [Fact]
    public void A_file_without_any_sink_word_is_not_parsed()
    {
        const string text = "const token = compute(1, 2);\nfunction compute(a, b) { return a + b; }\n";
        var (hits, model) = Analyze(text, Lang.JavaScript, skip: true);
        Assert.Empty(hits);
        Assert.Empty(model.Module.Body);
        Assert.NotEmpty(Analyze(text, Lang.JavaScript, skip: false).Model.Module.Body);
    }

    [Fact]
    public void Python_functions_without_a_sink_are_skipped_and_error_statuses_are_sinks()
    {
        const string text = """
            def helper(x):
                y = x + 1
                z = y * 2
                return w + y + z + x + y + z

            def view(request):
                try:
                    value = helper(request.args["token"])
                    total = value + 1 + 2 + 3
                except Exception as e:
                    return str(e) + request.headers["Authorization"], 500

            """;
        var (hits, model) = Analyze(text, Lang.Python, skip: true);
        Assert.Equal(1, model.SkippedFunctions);
        Assert.Equal(Analyze(text, Lang.Python, skip: false).Hits.Select(h => (h.Rule.Id, h.Offset)), hits.Select(h => (h.Rule.Id, h.Offset)));
        Assert.Contains(hits, h => h.Rule.Id == "THC003");
    }

    [Fact]
    public void Csharp_java_and_go_are_not_skipped()
    {
        const string text = "int Helper(int x) {\n var y = x + 1; var z = y * 2; var w = z - 3;\n return w + y + z;\n}\n";
        Assert.Equal(0, Analyze(text, Lang.CSharp, skip: true).Model.SkippedFunctions);
        Assert.Equal(0, Analyze(text, Lang.Java, skip: true).Model.SkippedFunctions);
    }

    [Theory]
    [InlineData("console", true)]
    [InlineData("logger", true)]
    [InlineData("res", true)]
    [InlineData("statusCode", true)]
    [InlineData("\"status_code\"", true)]
    [InlineData("access_key_id", true)]
    [InlineData("'Set-Cookie'", true)]
    [InlineData("'?access_token='", true)]
    [InlineData("InvokeCommand", true)]
    [InlineData("ignoreExpiration", true)]
    [InlineData("localStorage", true)]
    [InlineData("jwtDecode", true)]
    [InlineData("validateToken", true)]
    [InlineData("result", false)]
    [InlineData("resolve", false)]
    [InlineData("compute", false)]
    [InlineData("'use strict'", false)]
    [InlineData("token", false)] // a source, not a sink: a function that only reads a token cannot report
    public void Sink_words(string text, bool sink) => Assert.Equal(sink, SinkWords.Contains(text));

    [Theory]
    [InlineData("`${`")]
    [InlineData("`${'")]
    [InlineData("x = `${\"a")]
    [InlineData("x = `a${b}")]
    public void An_unterminated_template_ends_inside_the_text(string text)
    {
        var tokens = Lexer.Lex(text, Lang.JavaScript);
        Assert.All(tokens, t => Assert.True(t.End <= text.Length && t.Start <= t.End, $"{t} ends at {t.End} in {text.Length} chars"));
        Assert.Equal(TokKind.Eof, tokens[^1].Kind);
    }

    [Fact]
    public void A_template_interpolation_with_a_response_receiver_is_a_sink()
    {
        var tokens = Lexer.Lex("const x = `${res.send(token)}`;", Lang.JavaScript);
        Assert.Contains(tokens, t => t.Kind == TokKind.Interp && t.Sink);
    }
}
