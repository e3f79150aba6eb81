using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TokenHound.Probe.Tests;

/// <summary>Switches of the test API: each one a real-world misconfiguration of Microsoft.IdentityModel or of the app.</summary>
public sealed class AuthApiConfig
{
    public bool RequireSignedTokens { get; set; } = true;
    public bool VerifySignature { get; set; } = true;
    public bool PinAlgorithms { get; set; } = true;
    public bool PublicKeyAsHmacSecret { get; set; }
    public bool TrustJwkHeader { get; set; }
    public bool KidFromFile { get; set; }
    public bool ValidateLifetime { get; set; } = true;
    public bool ValidateAudienceAndIssuer { get; set; } = true;
    public string? HmacSecret { get; set; }
    public bool HeaderPresenceOnly { get; set; }
    public bool HeadBypass { get; set; }
    public bool PostBypass { get; set; }
    public bool OpenReports { get; set; }
    public bool ReflectTokenInError { get; set; }
    public bool AcceptQueryToken { get; set; }
    public bool CorsReflectWithCredentials { get; set; }

    /// <summary>POST /login: json ({"access_token"}), cognito (AuthenticationResult), cookie (Set-Cookie id_token), opaque (Set-Cookie sid, not a JWT), notoken, fail401.</summary>
    public string Login { get; set; } = "json";

    public static AuthApiConfig Load(string path) =>
        JsonSerializer.Deserialize<AuthApiConfig>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip })!;
}

/// <summary>An API protected by JWTs validated with Microsoft.IdentityModel (JsonWebTokenHandler), weaknesses switchable.</summary>
public sealed class AuthApi : IAsyncDisposable
{
    public const string Issuer = "https://auth.tokenhound-test.example";
    public const string Audience = "orders-api";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly string _keysDir;
    private readonly AuthApiConfig _c;

    private AuthApi(AuthApiConfig c)
    {
        _c = c;
        _key = new RsaSecurityKey(_rsa) { KeyId = "k1" };
        _keysDir = Directory.CreateTempSubdirectory("th-keys").FullName;
        File.WriteAllText(Path.Combine(_keysDir, "k1"), c.HmacSecret ?? "a-kid-file-secret-that-is-long-enough-for-hs256");
        PublicKeyPem = _rsa.ExportSubjectPublicKeyInfoPem();
    }

    public TestServer Server { get; private set; } = null!;
    public string PublicKeyPem { get; }
    public Uri Url => Server.Url;

    public static async Task<AuthApi> StartAsync(AuthApiConfig c)
    {
        var api = new AuthApi(c);
        api.Server = await TestServer.StartAsync(api.Map);
        return api;
    }

    public string Token(IDictionary<string, object>? claims = null, DateTime? expires = null, string? audience = null, string? issuer = null)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddHours(1);
        var nbf = exp < now ? exp.AddHours(-2) : now.AddMinutes(-1);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Expires = exp,
            NotBefore = nbf,
            IssuedAt = nbf,
            Claims = claims ?? new Dictionary<string, object> { ["sub"] = "user-1001", ["scope"] = "orders:read" },
            SigningCredentials = _c.HmacSecret is { } s
                ? new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(s)), SecurityAlgorithms.HmacSha256)
                : new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private async Task<string?> AuthenticateAsync(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        if (token is null && _c.Login == "cookie" && ctx.Request.Cookies["id_token"] is { Length: > 0 } cookie)
        {
            token = cookie;
        }

        if (token is null && _c.AcceptQueryToken)
        {
            token = ctx.Request.Query["access_token"].ToString() is { Length: > 0 } q ? q : null;
        }

        if (token is null && _c.Login == "opaque" && ctx.Request.Cookies["sid"] is { Length: > 0 } sid)
        {
            return sid == OpaqueSession ? "user-1001" : null;
        }

        if (token is null)
        {
            return null;
        }

        if (_c.HeaderPresenceOnly)
        {
            return "anyone";
        }

        if (_c.KidFromFile && TryKidFile(token) is { } sub)
        {
            return sub;
        }

        SecurityKey signingKey = _c.HmacSecret is { } secret ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) : _key;
        var p = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            ValidateIssuer = _c.ValidateAudienceAndIssuer,
            ValidateAudience = _c.ValidateAudienceAndIssuer,
            ValidateLifetime = _c.ValidateLifetime,
            RequireSignedTokens = _c.RequireSignedTokens,
            IssuerSigningKey = signingKey,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (_c.PinAlgorithms)
        {
            p.ValidAlgorithms = [_c.HmacSecret is null ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.HmacSha256];
        }

        if (_c.PublicKeyAsHmacSecret)
        {
            p.IssuerSigningKeys = [_key, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(PublicKeyPem))];
        }

        if (!_c.VerifySignature)
        {
            p.SignatureValidator = (t, _) => new JsonWebToken(t);
        }

        if (_c.TrustJwkHeader)
        {
            p.IssuerSigningKeyResolver = (t, st, kid, vp) =>
            {
                var h = JsonNode.Parse(Base64UrlEncoder.Decode(t.Split('.')[0]));
                return h?["jwk"] is JsonObject jwk ? [new JsonWebKey(jwk.ToJsonString())] : [signingKey];
            };
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, p);
        return result.IsValid ? result.ClaimsIdentity.FindFirst("sub")?.Value ?? "?" : null;
    }

    /// <summary>The deliberately vulnerable pattern: the kid names a key file.</summary>
    private string? TryKidFile(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var h = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]));
        if (h?["kid"]?.ToString() is not { } kid || h["alg"]?.ToString() != "HS256")
        {
            return null;
        }

        byte[] key;
        try
        {
            key = File.ReadAllBytes(Path.Combine(_keysDir, kid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var mac = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        return Base64UrlEncoder.Encode(mac) == parts[2] ? JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))?["sub"]?.ToString() ?? "?" : null;
    }

    private async Task<IResult> Protected(HttpContext ctx, object data)
    {
        var sub = await AuthenticateAsync(ctx);
        if (_c.CorsReflectWithCredentials && ctx.Request.Headers.Origin.ToString() is { Length: > 0 } origin)
        {
            ctx.Response.Headers.AccessControlAllowOrigin = origin;
            ctx.Response.Headers.AccessControlAllowCredentials = "true";
        }

        if (sub is null)
        {
            if (_c.ReflectTokenInError && ctx.Request.Headers.Authorization.ToString() is { Length: > 0 } a)
            {
                return Results.Json(new { error = "invalid_token", detail = $"Token rejected: {a}" }, statusCode: 401);
            }

            return Results.Json(new { error = "unauthorized" }, statusCode: 401);
        }

        return Results.Json(data);
    }

    private static readonly object Profile = new
    {
        user = "user-1001",
        name = "Alice Example",
        plan = "gold",
        orders = new[] { new { id = 5001, total = 129.90, status = "shipped" }, new { id = 5002, total = 18.50, status = "open" } },
    };

    private static readonly object Reports = new { reports = new[] { new { id = "r-1", title = "Quarterly revenue", rows = 1204 } } };

    private static Delegate H(Func<HttpContext, Task<IResult>> f) => f;

    public const string LoginUser = "alice@example.com";
    public const string LoginPassword = "correct-horse-battery-staple-42";

    /// <summary>The opaque session id the "opaque" login sets.</summary>
    public static readonly string OpaqueSession = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>A login endpoint like the ones in front of most JWT APIs (or Cognito's InitiateAuth response shape).</summary>
    private async Task<IResult> LoginAsync(HttpContext ctx)
    {
        string? user, password;
        if (ctx.Request.HasFormContentType)
        {
            var form = await ctx.Request.ReadFormAsync();
            (user, password) = (form["username"].ToString(), form["password"].ToString());
        }
        else
        {
            var body = await JsonNode.ParseAsync(ctx.Request.Body);
            (user, password) = (body?["username"]?.ToString(), body?["password"]?.ToString());
        }

        ctx.Response.Headers.CacheControl = "no-store";
        if (_c.Login == "fail401" || user != LoginUser || password != LoginPassword)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "Incorrect username or password." }, statusCode: 401);
        }

        var token = Token(new Dictionary<string, object> { ["sub"] = "user-1001", ["scope"] = "orders:read" });
        switch (_c.Login)
        {
            case "notoken":
                return Results.Json(new { status = "ok", user = "user-1001", next = "/api/profile" });
            case "cognito":
                return Results.Json(new
                {
                    AuthenticationResult = new
                    {
                        AccessToken = Token(audience: "3n4b5urk1ft4fl3mg5e62nasuv"),
                        ExpiresIn = 3600,
                        IdToken = token,
                        RefreshToken = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.fake-refresh",
                        TokenType = "Bearer",
                    },
                    ChallengeParameters = new { },
                });
            case "opaque":
                ctx.Response.Cookies.Append("sid", OpaqueSession, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/" });
                return Results.Json(new { status = "ok" });
            case "cookie":
                ctx.Response.Cookies.Append("id_token", token, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
                return Results.Json(new { status = "ok" });
            default:
                return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 3600 });
        }
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/login", H(LoginAsync));
        app.MapGet("/api/profile", H(ctx => Protected(ctx, Profile)));
        app.MapMethods("/api/profile", ["HEAD"], H(async ctx =>
        {
            if (!_c.HeadBypass && await AuthenticateAsync(ctx) is null)
            {
                return Results.StatusCode(401);
            }

            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength = 180;
            return Results.Empty;
        }));
        app.MapPost("/api/profile", H(async ctx => _c.PostBypass ? Results.Json(new { updated = true, profile = Profile }) : await Protected(ctx, new { updated = true })));
        app.MapGet("/api/reports", H(async ctx => _c.OpenReports ? Results.Json(Reports) : await Protected(ctx, Reports)));
        app.MapGet("/api/health", () => Results.Json(new { status = "ok" }));
        app.MapGet("/.well-known/jwks.json", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "k1" });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/openapi.json", () => Results.Text(OpenApiDoc, "application/json"));
    }

    public const string OpenApiDoc = """
        {
          "openapi": "3.0.3",
          "info": { "title": "Orders API", "version": "1.0" },
          "servers": [ { "url": "https://api.orders.example/" } ],
          "components": { "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" } } },
          "security": [ { "bearer": [] } ],
          "paths": {
            "/api/profile": {
              "get": { "responses": { "200": { "description": "the caller's profile" } } },
              "post": { "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { "name": { "type": "string" } } } } } }, "responses": { "200": { "description": "updated" } } }
            },
            "/api/reports": { "get": { "responses": { "200": { "description": "reports" } } } },
            "/api/health": { "get": { "security": [], "responses": { "200": { "description": "liveness" } } } }
          }
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _rsa.Dispose();
        try
        {
            Directory.Delete(_keysDir, true);
        }
        catch (IOException)
        {
        }
    }
}
