using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.StepFunctions;
using Amazon.StepFunctions.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serilog;

namespace Acme.Identity.PasswordReset;

public interface IResetTokenStore
{
    Task SaveAsync(string userId, string tokenHash, DateTimeOffset expires);
    Task<string?> ConsumeAsync(string tokenHash);
}

public interface IUserDirectory
{
    Task<UserRecord?> FindByEmailAsync(string tenantId, string email);
    Task SetPasswordAsync(string userId, string newPassword);
}

public sealed record UserRecord(string Id, string TenantId, string Email, string Locale);

public sealed class PasswordResetOptions
{
    public string StateMachineArn { get; set; } = "";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
}

public class PasswordResetService
{
    private readonly IResetTokenStore _tokens;
    private readonly IUserDirectory _users;
    private readonly IAmazonStepFunctions _sfn;
    private readonly IHttpContextAccessor _http;
    private readonly PasswordResetOptions _options;

    public PasswordResetService(IResetTokenStore tokens, IUserDirectory users, IAmazonStepFunctions sfn, IHttpContextAccessor http, IOptions<PasswordResetOptions> options)
    {
        _tokens = tokens;
        _users = users;
        _sfn = sfn;
        _http = http;
        _options = options.Value;
    }

    public async Task RequestResetAsync(string tenantId, string email)
    {
        var user = await _users.FindByEmailAsync(tenantId, email);
        if (user is null)
        {
            Log.Information("Password reset requested for unknown account in tenant {TenantId}", tenantId);
            return;
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        await _tokens.SaveAsync(user.Id, Hash(token), DateTimeOffset.UtcNow.Add(_options.TokenLifetime));
        Log.Information("Password reset token {ResetToken} created for {Email}", token, email); // Noncompliant THC001

        await _sfn.StartExecutionAsync(new StartExecutionRequest // Noncompliant THC009
        {
            StateMachineArn = _options.StateMachineArn,
            Name = $"reset-{user.Id}-{DateTime.UtcNow:yyyyMMddHHmmss}",
            Input = JsonSerializer.Serialize(new { userId = user.Id, user.Email, user.Locale, tenantId, resetToken = token }),
        });
    }

    public async Task<bool> CompleteResetAsync(string token, string newPassword)
    {
        var userId = await _tokens.ConsumeAsync(Hash(token));
        if (userId is null)
        {
            Log.Warning("Invalid or expired reset token, hash prefix {HashPrefix}", Hash(token)[..8]);
            return false;
        }

        await _users.SetPasswordAsync(userId, newPassword);
        Log.Information("Password reset completed for user {UserId}", userId);

        var sessionToken = Base64Url(RandomNumberGenerator.GetBytes(32));
        _http.HttpContext!.Response.Cookies.Append("session", sessionToken, new CookieOptions { HttpOnly = true, Secure = false, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromHours(8) }); // Noncompliant THC007
        return true;
    }

    public Task ConfirmEmailSentAsync(string taskToken, string messageId) =>
        _sfn.SendTaskSuccessAsync(new SendTaskSuccessRequest
        {
            TaskToken = taskToken,
            Output = JsonSerializer.Serialize(new { messageId, sentAt = DateTimeOffset.UtcNow }),
        });

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
