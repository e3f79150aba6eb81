// Telehealth visit broker: ASP.NET Core controller + request-logging middleware.
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Threading.Tasks;
using Amazon;
using Amazon.ChimeSDKMeetings;
using Amazon.ChimeSDKMeetings.Model;
using Amazon.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ExampleHealth.Telehealth
{
    public class BearerAuditMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly ILogger<BearerAuditMiddleware> _logger;

        public BearerAuditMiddleware(RequestDelegate next, ILogger<BearerAuditMiddleware> logger)
        {
            _next = next;
            _logger = logger;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            var header = context.Request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header.Substring(7) : string.Empty;
            _logger.LogDebug("Visit API call {Method} {Path} token={Token}", context.Request.Method, context.Request.Path, token); // Noncompliant THC001
            _logger.LogInformation("Visit API call {Method} {Path} tokenLength={Length}", context.Request.Method, context.Request.Path, token.Length);
            await _next(context);
        }
    }

    public record JoinRequest(string VisitId, string DisplayName);

    [ApiController]
    [Route("api/visits")]
    public class TelehealthController : ControllerBase
    {
        private static readonly IAmazonChimeSDKMeetings Meetings = new AmazonChimeSDKMeetingsClient(new BasicAWSCredentials("AKIAZ7FAKEM2KD5RT7VA", "FAKEchimeSecretAccessKey000FAKE000000000"), RegionEndpoint.USEast1); // Noncompliant THC008
        private readonly ILogger<TelehealthController> _logger;
        private readonly TokenValidationParameters _validation;

        public TelehealthController(ILogger<TelehealthController> logger, TokenValidationParameters validation)
        {
            _logger = logger;
            _validation = validation;
        }

        private string BearerToken() => Request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty);

        [HttpPost("join")]
        public async Task<IActionResult> Join([FromBody] JoinRequest body)
        {
            var handler = new JwtSecurityTokenHandler();
            handler.ValidateToken(BearerToken(), _validation, out _);
            var verified = handler.ReadJwtToken(BearerToken());
            var userId = verified.Subject;

            var meeting = await Meetings.CreateMeetingAsync(new CreateMeetingRequest { ClientRequestToken = body.VisitId, MediaRegion = "us-east-1", ExternalMeetingId = body.VisitId });
            var attendee = await Meetings.CreateAttendeeAsync(new CreateAttendeeRequest { MeetingId = meeting.Meeting.MeetingId, ExternalUserId = userId });
            _logger.LogInformation("User {UserId} joined visit {VisitId} meeting {MeetingId}", userId, body.VisitId, meeting.Meeting.MeetingId);

            Response.Cookies.Append("tele_visit", body.VisitId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict });
            Response.Cookies.Append("tele_session", BearerToken(), new CookieOptions { HttpOnly = true, Expires = DateTimeOffset.UtcNow.AddMinutes(45) }); // Noncompliant THC007
            return Ok(new { meeting = meeting.Meeting, attendee = attendee.Attendee });
        }

        [HttpDelete("{visitId}")]
        public async Task<IActionResult> End(string visitId, [FromQuery] string meetingId)
        {
            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(BearerToken()); // Noncompliant THC005
            var roles = jwt.Claims.Where(c => c.Type == "cognito:groups").Select(c => c.Value).ToList();
            if (!roles.Contains("clinicians"))
            {
                _logger.LogWarning("User {UserId} tried to end visit {VisitId}", jwt.Subject, visitId);
                return Forbid();
            }

            await Meetings.DeleteMeetingAsync(new DeleteMeetingRequest { MeetingId = meetingId });
            _logger.LogInformation("Visit {VisitId} ended by {UserId}", visitId, jwt.Subject);
            return NoContent();
        }
    }
}
