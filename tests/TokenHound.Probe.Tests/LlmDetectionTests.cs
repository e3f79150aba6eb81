using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TokenHound.Core;

namespace TokenHound.Probe.Tests;

/// <summary>LLM endpoints recognised from their responses (no --llm), probed only when POST is allowed.</summary>
public sealed class LlmDetectionTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private static Task<ProbeResult> RunAsync(ProbeOptions o) => new ProbeRunner(o).RunAsync().WaitAsync(Hang);

    private static readonly LlmConfig Leaky = new() { Leak = true, FollowOverride = true };

    /// <summary>An OpenAI-compatible server (like vLLM or LiteLLM): GET /v1/models and POST /v1/chat/completions.</summary>
    private static Task<TestServer> OpenAiCompatibleAsync() => TestServer.StartAsync(app =>
    {
        app.MapGet("/v1/models", () => Results.Json(new
        {
            @object = "list",
            data = new[] { new { id = "travelbot-8b-instruct", @object = "model", created = 1730000000, owned_by = "acme" } },
        }));
        app.MapPost("/v1/chat/completions", TestServer.H(async ctx =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body);
            var user = body?["messages"]?.AsArray().LastOrDefault()?["content"]?.ToString() ?? "";
            return Results.Json(new
            {
                id = "chatcmpl-th2",
                @object = "chat.completion",
                model = body?["model"]?.ToString(),
                choices = new[] { new { index = 0, message = new { role = "assistant", content = FakeLlm.Answer(Leaky, user) }, finish_reason = "stop" } },
            });
        }));
        app.MapGet("/", () => Results.Text("TravelBot API", "text/plain"));
    });

    /// <summary>A plain prompt endpoint that answers GET with a validation error (Flask-style GET+POST route), and a bot documented only in OpenAPI.</summary>
    private static Task<TestServer> PlainPromptAsync() => TestServer.StartAsync(app =>
    {
        app.MapMethods("/api/prompt", ["GET", "POST"], TestServer.H(async ctx =>
        {
            var body = ctx.Request.ContentLength > 0 ? await JsonNode.ParseAsync(ctx.Request.Body) : null;
            return body?["prompt"]?.ToString() is { } prompt
                ? Results.Json(new { answer = FakeLlm.Answer(Leaky, prompt) })
                : Results.Json(new { error = "Bad Request", message = "field 'prompt' is required" }, statusCode: 400);
        }));
        app.MapPost("/api/support-bot/turn", TestServer.H(async ctx =>
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body);
            var user = body?["messages"]?.AsArray().LastOrDefault()?["content"]?.ToString() ?? "";
            return Results.Json(new { choices = new[] { new { message = new { role = "assistant", content = FakeLlm.Answer(new LlmConfig(), user) } } } });
        }));
        app.MapGet("/openapi.json", () => Results.Text("""
            {
              "openapi": "3.0.3",
              "info": { "title": "Support", "version": "1" },
              "paths": {
                "/api/support-bot/turn": {
                  "post": {
                    "requestBody": { "content": { "application/json": { "schema": {
                      "type": "object",
                      "properties": {
                        "messages": { "type": "array", "items": { "type": "object", "properties": { "role": { "type": "string" }, "content": { "type": "string" } } } }
                      } } } } },
                    "responses": { "200": { "description": "the bot's turn" } }
                  }
                }
              }
            }
            """, "application/json"));
    });

    /// <summary>An ordinary JSON API whose responses look a little like an LLM's: car models, a human support chat, validation errors.</summary>
    private static Task<TestServer> PlainJsonApiAsync() => TestServer.StartAsync(app =>
    {
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "corolla", @object = "car_model", make = "Toyota" } } }));
        app.MapGet("/api/chat", () => Results.Json(new { messages = new[] { new { from = "agent", text = "Hello, how can I help?" } }, unread = 0 }));
        app.MapPost("/api/chat", () => Results.Json(new { id = "msg-42", status = "queued" }, statusCode: 201));
        app.MapGet("/chat", () => Results.Json(new { error = "conversation_id is required" }, statusCode: 400));
        app.MapGet("/completions", () => Results.Json(new { error = "field 'model' is required", hint = "e.g. corolla" }, statusCode: 422));
        app.MapGet("/api/generate", () => Results.Json(new { detail = "Method Not Allowed" }, statusCode: 405));
        app.MapGet("/api/orders", () => Results.Json(new { orders = new[] { new { id = 1, total = 10.5 } }, messages = Array.Empty<string>() }));
        app.MapGet("/openapi.json", () => Results.Text("""
            {
              "openapi": "3.0.3",
              "info": { "title": "Cars", "version": "1" },
              "paths": {
                "/api/orders": { "get": { "responses": { "200": { "description": "orders" } } } },
                "/api/chat": {
                  "get": { "responses": { "200": { "description": "support chat history" } } },
                  "post": { "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "message": { "type": "string" }, "conversation_id": { "type": "string" } } } } } },
                            "responses": { "201": { "description": "sent to a human agent" } } }
                }
              }
            }
            """, "application/json"));
    });

    private static string[] LlmIds(ScanReport r) => [.. r.Findings.Where(f => f.Family == "llm-prompt-leak").Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task An_openai_compatible_api_is_detected_from_its_model_list_and_probed_when_post_is_allowed()
    {
        await using var server = await OpenAiCompatibleAsync();
        var r = await RunAsync(Probing.Options(server.Url) with { Methods = ["POST"] });
        var section = r.Report.Sections.Single(s => s.Title == "LLM endpoints detected");
        var row = Assert.Single(section.Rows);
        Assert.Equal("/v1/chat/completions", row[0]);
        Assert.Contains("model list", row[2], StringComparison.Ordinal);
        Assert.StartsWith("probed", row[3], StringComparison.Ordinal);
        Assert.Equal(["THP040", "THP041", "THP042"], LlmIds(r.Report));
        Assert.Contains(r.Report.Sections, s => s.Title == "LLM probes: /v1/chat/completions");
    }

    [Fact]
    public async Task A_detected_endpoint_is_only_reported_when_post_is_not_allowed()
    {
        await using var server = await OpenAiCompatibleAsync();
        var r = await RunAsync(Probing.Options(server.Url));
        Assert.DoesNotContain(server.Requests, q => q.Method == "POST");
        Assert.Empty(LlmIds(r.Report));
        var w = Assert.Single(r.Report.Warnings, x => x.Message.Contains("LLM endpoint detected", StringComparison.Ordinal));
        Assert.Contains("LLM endpoint detected at /v1/chat/completions", w.Message, StringComparison.Ordinal);
        Assert.Contains("re-run with --llm /v1/chat/completions", w.Message, StringComparison.Ordinal);
        Assert.Contains(r.Report.Sections.Single(s => s.Title == "LLM endpoints detected").Rows, x => x[3].StartsWith("not probed", StringComparison.Ordinal));
        Assert.Contains(r.Score.Categories, c => c.Family == "llm-prompt-leak" && c.Score is null);
    }

    [Fact]
    public async Task A_prompt_endpoint_is_detected_from_its_validation_error_and_a_bot_from_its_openapi_schema()
    {
        await using var server = await PlainPromptAsync();
        var r = await RunAsync(Probing.Options(server.Url) with { Methods = ["POST"] });
        var rows = r.Report.Sections.Single(s => s.Title == "LLM endpoints detected").Rows;
        Assert.Equal(["/api/prompt", "/api/support-bot/turn"], rows.Select(x => x[0]).Order(StringComparer.Ordinal));
        Assert.Contains(rows, x => x[0] == "/api/prompt" && x[2].Contains("asking for a 'prompt' field", StringComparison.Ordinal));
        Assert.Contains(rows, x => x[0] == "/api/support-bot/turn" && x[2].Contains("'messages' array", StringComparison.Ordinal));
        // The leaky prompt endpoint gives its system prompt (with a fake AWS key) away; the schema-detected bot does not.
        Assert.Contains(r.Report.Findings, f => f.RuleId == "THP041" && f.Location.Url!.EndsWith("/api/prompt", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Report.Findings, f => f.Family == "llm-prompt-leak" && f.Location.Url!.Contains("support-bot", StringComparison.Ordinal));
        Assert.Contains(server.Requests, q => q.Method == "POST" && q.PathAndQuery == "/api/support-bot/turn");
    }

    [Fact]
    public async Task A_plain_json_api_is_not_taken_for_an_llm()
    {
        await using var server = await PlainJsonApiAsync();
        var r = await RunAsync(Probing.Options(server.Url) with { Methods = ["POST"] });
        Assert.DoesNotContain(r.Report.Sections, s => s.Title.StartsWith("LLM", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Report.Warnings, w => w.Message.Contains("LLM", StringComparison.Ordinal));
        Assert.Empty(LlmIds(r.Report));
        Assert.DoesNotContain(server.Requests, q => q.Method == "POST" && q.PathAndQuery is "/v1/chat/completions" or "/chat" or "/completions");
        Assert.Contains(server.Requests, q => q.PathAndQuery == "/v1/models");
        Assert.Contains(server.Requests, q => q.Method == "POST" && q.PathAndQuery == "/api/chat");
    }

    [Theory]
    [InlineData(200, """{"object":"list","data":[{"id":"llama3.1:8b","object":"model","created":1,"owned_by":"library"}]}""", "/v1/chat/completions")]
    [InlineData(200, """{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"hi"}}]}""", "/probe-path")]
    [InlineData(400, """{"error":{"message":"'messages' is a required property","type":"invalid_request_error","param":null,"code":null}}""", "/probe-path")]
    [InlineData(422, """{"detail":[{"type":"missing","loc":["body","prompt"],"msg":"Field required","input":null}]}""", "/probe-path")]
    [InlineData(405, """{"error":"use POST with a JSON body: {\"messages\": [...]} is required"}""", "/probe-path")]
    [InlineData(200, """{"object":"list","data":[{"id":"corolla","object":"car_model"}]}""", null)]
    [InlineData(200, """{"messages":[{"from":"agent","text":"hi"}]}""", null)]
    [InlineData(422, """{"error":"field 'model' is required"}""", null)]
    [InlineData(400, """{"error":"prompt"}""", null)]
    [InlineData(405, """{"detail":"Method Not Allowed"}""", null)]
    [InlineData(404, """{"error":"prompt is required"}""", null)]
    [InlineData(400, """{"errors":{"message":["The message field is required."]}}""", null)]
    public void Llm_shapes(int status, string body, string? endpoint)
    {
        var uri = new Uri("http://127.0.0.1:5000/probe-path");
        var resp = new ProbeResponse
        {
            Request = ProbeRequest.Get(uri),
            Uri = uri,
            Status = status,
            Body = body,
            Headers = [new("Content-Type", "application/json")],
        };
        if (uri.AbsolutePath == "/probe-path" && endpoint == "/v1/chat/completions")
        {
            uri = new Uri("http://127.0.0.1:5000/v1/models");
            resp = resp with { Uri = uri, Request = ProbeRequest.Get(uri) };
        }

        var m = ProbeRunner.LlmShape(resp);
        Assert.True(endpoint == m?.Url.AbsolutePath, $"expected {endpoint}, got {m}");
    }
}
