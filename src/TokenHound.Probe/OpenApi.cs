using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace TokenHound.Probe;

/// <summary>One path of the API with concrete example values.</summary>
public sealed record ProbeEndpoint
{
    /// <summary>The path as documented ("/users/{id}") or as given.</summary>
    public required string Template { get; init; }

    /// <summary>A concrete URL on the target (example parameter values, required query parameters filled).</summary>
    public required Uri Uri { get; init; }

    /// <summary>Documented methods, upper case (GET when unknown).</summary>
    public IReadOnlyList<string> Methods { get; init; } = ["GET"];

    /// <summary>Methods whose documented operation requires a security scheme.</summary>
    public IReadOnlySet<string> SecuredMethods { get; init; } = new HashSet<string>();

    /// <summary>Typed parameters: (name, in, type) for wrong-type probes.</summary>
    public IReadOnlyList<(string Name, string In, string Type)> Parameters { get; init; } = [];

    /// <summary>An example JSON body for methods with a request body.</summary>
    public string? BodyExample { get; init; }

    public bool FromDocument { get; init; }

    public bool Secured(string method) => SecuredMethods.Contains(method);

    public override string ToString() => Template;
}

/// <summary>Reads OpenAPI 3 and Swagger 2 documents (JSON or YAML) into endpoints on the target.</summary>
public static class OpenApiReader
{
    /// <summary>Parses a document; throws <see cref="FormatException"/> with a one-line reason when it is not one.</summary>
    public static List<ProbeEndpoint> Read(string text, Uri target, int maxEndpoints)
    {
        var root = ParseTree(text) as JsonObject ?? throw new FormatException("the document is not a JSON/YAML object");
        var isV3 = root["openapi"] is not null;
        var isV2 = root["swagger"] is not null;
        if (!isV3 && !isV2)
        {
            throw new FormatException("no 'openapi' or 'swagger' version field");
        }

        if (root["paths"] is not JsonObject paths)
        {
            throw new FormatException("no 'paths' object");
        }

        var basePath = isV3 ? ServerPath(root) : Str(root["basePath"]) ?? "";
        basePath = basePath.TrimEnd('/');
        var globalSecured = IsSecured(root["security"]);
        var result = new List<ProbeEndpoint>();
        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject pathItem || !path.StartsWith('/'))
            {
                continue;
            }

            var shared = pathItem["parameters"] as JsonArray;
            var methods = new List<string>();
            var secured = new HashSet<string>(StringComparer.Ordinal);
            var parameters = new Dictionary<string, (string In, string Type, string Example, bool Required)>(StringComparer.Ordinal);
            string? body = null;
            foreach (var (m, opNode) in pathItem)
            {
                var method = m.ToUpperInvariant();
                if (method is not ("GET" or "HEAD" or "OPTIONS" or "POST" or "PUT" or "PATCH" or "DELETE") || opNode is not JsonObject op)
                {
                    continue;
                }

                methods.Add(method);
                var opSecurity = op["security"];
                if (opSecurity is not null ? IsSecured(opSecurity) : globalSecured)
                {
                    secured.Add(method);
                }

                foreach (var p in (shared ?? []).Concat(op["parameters"] as JsonArray ?? []))
                {
                    var param = Resolve(root, p) as JsonObject;
                    if (param is null || Str(param["name"]) is not { } name)
                    {
                        continue;
                    }

                    var where = Str(param["in"]) ?? "";
                    if (where == "body" && body is null)
                    {
                        body = Sample(root, param["schema"], 0)?.ToJsonString();
                        continue;
                    }

                    if (where is not ("path" or "query"))
                    {
                        continue;
                    }

                    var schema = Resolve(root, param["schema"]) as JsonObject ?? param;
                    var type = Str(schema["type"]) ?? "string";
                    var example = Scalar(param["example"]) ?? Scalar(schema["example"]) ?? Scalar(schema["default"])
                        ?? Scalar((schema["enum"] as JsonArray)?.FirstOrDefault()) ?? ExampleFor(type, Str(schema["format"]), name);
                    var required = where == "path" || param["required"]?.GetValueKind() == JsonValueKind.True || Str(param["required"]) == "true";
                    parameters.TryAdd(name, (where, type, example, required));
                }

                if (body is null && Resolve(root, op["requestBody"]) is JsonObject rb && rb["content"] is JsonObject content)
                {
                    var media = content.FirstOrDefault(c => c.Key.Contains("json", StringComparison.OrdinalIgnoreCase)).Value as JsonObject;
                    if (media is not null)
                    {
                        body = (media["example"]?.DeepClone() ?? Sample(root, media["schema"], 0))?.ToJsonString();
                    }
                }
            }

            if (methods.Count == 0)
            {
                continue;
            }

            var concrete = path;
            foreach (var (name, p) in parameters.Where(p => p.Value.In == "path"))
            {
                concrete = concrete.Replace("{" + name + "}", Uri.EscapeDataString(p.Example), StringComparison.Ordinal);
            }

            var query = string.Join('&', parameters.Where(p => p.Value.In == "query" && p.Value.Required)
                .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value.Example)));
            var uri = new UriBuilder(target) { Path = basePath + concrete, Query = query }.Uri;
            result.Add(new ProbeEndpoint
            {
                Template = basePath + path,
                Uri = uri,
                Methods = methods,
                SecuredMethods = secured,
                Parameters = [.. parameters.Select(p => (p.Key, p.Value.In, p.Value.Type))],
                BodyExample = body,
                FromDocument = true,
            });
            if (result.Count >= maxEndpoints)
            {
                break;
            }
        }

        return result;
    }

    public static JsonNode? ParseTree(string text)
    {
        var t = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (t.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(t, documentOptions: new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = true });
            }
            catch (JsonException e)
            {
                throw new FormatException($"invalid JSON: {e.Message}");
            }
        }

        try
        {
            var yaml = new DeserializerBuilder().Build().Deserialize<object?>(t);
            var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
            return JsonNode.Parse(json);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or JsonException or InvalidOperationException)
        {
            throw new FormatException($"invalid YAML: {e.Message}");
        }
    }

    private static string ServerPath(JsonObject root)
    {
        var url = Str((root["servers"] as JsonArray)?.FirstOrDefault()?["url"]);
        if (string.IsNullOrEmpty(url))
        {
            return "";
        }

        // Never contact the server's host: only its path is used, on the target host.
        if (Uri.TryCreate(url, UriKind.Absolute, out var abs))
        {
            return abs.AbsolutePath;
        }

        var q = url.IndexOfAny(['?', '#']);
        url = q >= 0 ? url[..q] : url;
        return url.Contains('{', StringComparison.Ordinal) ? "" : url;
    }

    private static bool IsSecured(JsonNode? security)
    {
        if (security is not JsonArray arr || arr.Count == 0)
        {
            return false;
        }

        // An empty requirement {} means anonymous access is allowed.
        return arr.All(r => r is JsonObject o && o.Count > 0);
    }

    private static JsonNode? Resolve(JsonObject root, JsonNode? node, int depth = 0)
    {
        if (node is JsonObject o && Str(o["$ref"]) is { } r && r.StartsWith("#/", StringComparison.Ordinal) && depth < 16)
        {
            JsonNode? cur = root;
            foreach (var part in r[2..].Split('/'))
            {
                cur = cur?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            return Resolve(root, cur, depth + 1);
        }

        return node;
    }

    /// <summary>An example value for a schema (example, default, enum, or a value of the type), depth-limited.</summary>
    private static JsonNode? Sample(JsonObject root, JsonNode? schemaNode, int depth)
    {
        if (depth > 6 || Resolve(root, schemaNode) is not JsonObject s)
        {
            return null;
        }

        if (s["example"] is { } ex)
        {
            return ex.DeepClone();
        }

        if (s["default"] is { } def)
        {
            return def.DeepClone();
        }

        if (s["enum"] is JsonArray { Count: > 0 } en)
        {
            return en[0]?.DeepClone();
        }

        if (s["allOf"] is JsonArray all)
        {
            var merged = new JsonObject();
            foreach (var part in all)
            {
                if (Sample(root, part, depth + 1) is JsonObject po)
                {
                    foreach (var (k, v) in po)
                    {
                        merged[k] = v?.DeepClone();
                    }
                }
            }

            return merged;
        }

        var type = Str(s["type"]) ?? (s["properties"] is not null ? "object" : "string");
        switch (type)
        {
            case "object":
                var obj = new JsonObject();
                if (s["properties"] is JsonObject props)
                {
                    foreach (var (k, v) in props.Take(30))
                    {
                        obj[k] = Sample(root, v, depth + 1);
                    }
                }

                return obj;
            case "array":
                var item = Sample(root, s["items"], depth + 1);
                return item is null ? new JsonArray() : new JsonArray(item);
            case "integer":
                return JsonValue.Create(1);
            case "number":
                return JsonValue.Create(1.5);
            case "boolean":
                return JsonValue.Create(true);
            default:
                return JsonValue.Create(ExampleFor("string", Str(s["format"]), ""));
        }
    }

    private static string ExampleFor(string type, string? format, string name) => type switch
    {
        "integer" or "number" => "1",
        "boolean" => "true",
        _ => format switch
        {
            "uuid" => "00000000-0000-4000-8000-000000000001",
            "date" => "2024-01-01",
            "date-time" => "2024-01-01T00:00:00Z",
            "email" => "probe@example.com",
            _ => name.EndsWith("id", StringComparison.OrdinalIgnoreCase) ? "1" : "test",
        },
    };

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string? Scalar(JsonNode? n) => n is JsonValue v ? v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => null,
    } : null;
}
