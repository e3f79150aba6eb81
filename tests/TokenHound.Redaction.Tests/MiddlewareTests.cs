using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenHound.Redaction.AspNetCore;

namespace TokenHound.Redaction.Tests;

public class MiddlewareTests
{
    [Fact]
    public async Task Unhandled_exception_becomes_token_free_problem_details_on_a_real_server()
    {
        var jwt = Tokens.Jwt(3);
        var capture = new CapturingProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(capture);
        builder.Logging.AddTokenRedaction();
        await using var app = builder.Build();
        app.UseTokenSafeExceptions();
        app.MapGet("/orders", (HttpRequest req) =>
        {
            var auth = req.Headers.Authorization.ToString();
            throw new InvalidOperationException($"token {auth} rejected for key {Tokens.AwsKeyId}");
        });
        app.MapGet("/ok", () => "fine");
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Assert.StartsWith("http://127.0.0.1:", address);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
            request.Headers.Add("X-Api-Key", "k-" + Tokens.AwsKeyId);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var rawHeaders = response.Headers.ToString() + response.Content.Headers;

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var doc = JsonDocument.Parse(body);
            var correlationId = doc.RootElement.GetProperty("correlationId").GetString();
            Assert.False(string.IsNullOrEmpty(correlationId));
            Assert.Equal(500, doc.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(correlationId, response.Headers.GetValues("X-Correlation-Id").Single());
            foreach (var leak in new[] { jwt, jwt.Split('.')[2], Tokens.AwsKeyId, "InvalidOperationException", " at ", "rejected", "Bearer" })
            {
                Assert.DoesNotContain(leak, body);
                Assert.DoesNotContain(leak, rawHeaders);
            }

            // The exception was logged, redacted, under the same correlation id.
            var log = capture.All;
            Assert.Contains(correlationId!, log);
            Assert.Contains("token Bearer [REDACTED:jwt] rejected for key [REDACTED:aws-access-key-id]", log);
            Assert.DoesNotContain(jwt.Split('.')[2], log);
            Assert.DoesNotContain(Tokens.AwsKeyId, log);

            // Requests that succeed are untouched.
            Assert.Equal("fine", await http.GetStringAsync("/ok"));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
