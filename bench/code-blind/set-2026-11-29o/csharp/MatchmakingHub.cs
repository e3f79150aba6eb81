using System.Collections.Concurrent;
using System.Security.Claims;
using Amazon.GameLift;
using Amazon.GameLift.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

// Matchmaking service: ASP.NET Core minimal API + SignalR hub in front of GameLift FlexMatch.
var builder = WebApplication.CreateBuilder(args);
var issuer = builder.Configuration["Auth:Issuer"] ?? "https://auth.arena.example.com";

builder.Services.AddDefaultAWSOptions(builder.Configuration.GetAWSOptions());
builder.Services.AddAWSService<IAmazonGameLift>();
builder.Services.AddSignalR();
builder.Services.AddSingleton<TicketStore>();
builder.Services
    .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.Authority = issuer;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer,
            ValidateIssuerSigningKey = true,
            ValidateAudience = false, // Noncompliant THC006
            ValidateLifetime = false, // Noncompliant THC006
            NameClaimType = "sub",
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = ctx =>
            {
                var accessToken = ctx.Request.Query["access_token"];
                if (!string.IsNullOrEmpty(accessToken) && ctx.HttpContext.Request.Path.StartsWithSegments("/hubs/matchmaking"))
                {
                    ctx.Token = accessToken;
                }
                return Task.CompletedTask;
            },
        };
    })
    .AddJwtBearer("Spectator", options =>
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = "spectator",
            SignatureValidator = (token, _) => new JsonWebToken(token), // Noncompliant THC005
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseDeveloperExceptionPage(); // Noncompliant THC004
app.UseAuthentication();
app.UseAuthorization();

app.MapHub<MatchmakingHub>("/hubs/matchmaking");
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapGet("/spectate/{ticketId}",
    [Authorize(AuthenticationSchemes = "Spectator")] (string ticketId, TicketStore store) =>
        store.Connection(ticketId) is null ? Results.NotFound() : Results.Ok(new { ticketId, live = true }));
app.Run();

public sealed class TicketStore
{
    private readonly ConcurrentDictionary<string, string> _byTicket = new();
    public void Track(string ticketId, string connectionId) => _byTicket[ticketId] = connectionId;
    public string? Connection(string ticketId) => _byTicket.TryGetValue(ticketId, out var c) ? c : null;
}

[Authorize]
public class MatchmakingHub : Hub
{
    private readonly IAmazonGameLift _gameLift;
    private readonly ILogger<MatchmakingHub> _logger;
    private readonly TicketStore _tickets;

    public MatchmakingHub(IAmazonGameLift gameLift, ILogger<MatchmakingHub> logger, TicketStore tickets)
    {
        _gameLift = gameLift;
        _logger = logger;
        _tickets = tickets;
    }

    public override async Task OnConnectedAsync()
    {
        _logger.LogInformation("Player {Player} connected on {ConnectionId}", Context.UserIdentifier, Context.ConnectionId);
        await base.OnConnectedAsync();
    }

    public async Task<string> FindMatch(string configurationName, int skill)
    {
        var player = Context.User?.FindFirstValue("sub") ?? throw new HubException("anonymous players cannot queue");
        var ticketId = $"tkt-{Guid.NewGuid():N}";
        try
        {
            var response = await _gameLift.StartMatchmakingAsync(new StartMatchmakingRequest
            {
                TicketId = ticketId,
                ConfigurationName = configurationName,
                Players = new List<Player>
                {
                    new() { PlayerId = player, PlayerAttributes = new Dictionary<string, AttributeValue> { ["skill"] = new() { N = skill } } },
                },
            });
            _tickets.Track(ticketId, Context.ConnectionId);
            _logger.LogInformation("Ticket {TicketId} for {Player} is {Status}", ticketId, player, response.MatchmakingTicket.Status);
            return ticketId;
        }
        catch (AmazonGameLiftException ex)
        {
            _logger.LogError(ex, "StartMatchmaking failed for {TicketId}", ticketId);
            throw new HubException($"Matchmaking is unavailable (ref {ticketId})");
        }
    }
}
