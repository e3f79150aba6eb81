using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAWSService<IAmazonDynamoDB>();
builder.Services.AddAWSLambdaHosting(LambdaEventSource.HttpApi);
var app = builder.Build();

app.UseDeveloperExceptionPage(); // Noncompliant THC004

var log = app.Logger;

app.Use(async (ctx, next) =>
{
    var authorization = ctx.Request.Headers.Authorization.ToString();
    log.LogInformation("Request {Path} auth={Auth}", ctx.Request.Path, authorization); // Noncompliant THC001
    log.LogInformation("Trace {TraceId} auth length {Len}", ctx.TraceIdentifier, authorization.Length);
    await next();
});

app.MapGet("/notes/{id}", async (string id, IAmazonDynamoDB ddb) =>
{
    if (!NoteHelpers.IsValidId(id))
    {
        return Results.BadRequest(new { error = "invalid id" });
    }
    try
    {
        var table = Table.LoadTable(ddb, "notes");
        var doc = await table.GetItemAsync(id);
        return doc is null ? Results.NotFound() : Results.Ok(NoteHelpers.ToDto(doc));
    }
    catch (Exception ex)
    {
        log.LogError(ex, "GetItem failed for {Id}", id);
        return Results.Problem(detail: ex.ToString(), statusCode: 500); // Noncompliant THC003
    }
});

app.MapGet("/notes", (int? page, int? size) =>
{
    var (skip, take) = NoteHelpers.Paging(page, size);
    return Results.Ok(new { skip, take });
});

app.Run();

static class NoteHelpers
{
    public static bool IsValidId(string id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 36 && id.All(c => char.IsLetterOrDigit(c) || c == '-');

    public static (int Skip, int Take) Paging(int? page, int? size)
    {
        var p = Math.Max(1, page ?? 1);
        var s = Math.Clamp(size ?? 20, 1, 100);
        return ((p - 1) * s, s);
    }

    public static object ToDto(Document doc) => new
    {
        Id = doc["id"].AsString(),
        Title = doc.ContainsKey("title") ? doc["title"].AsString() : "",
        Updated = doc.ContainsKey("updated") ? doc["updated"].AsString() : null,
    };
}
