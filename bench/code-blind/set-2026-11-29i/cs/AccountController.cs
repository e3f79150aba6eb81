using System;
using System.IdentityModel.Tokens.Jwt;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Web;
using System.Web.Http;
using log4net;

namespace Acme.Portal.Api.Controllers
{
    // ASP.NET Web API 2 (System.Web) controller, attribute routing. Hosted in IIS on the
    // old portal servers; scheduled to move to the .NET Core billing host.
    [RoutePrefix("api/account")]
    public class AccountController : ApiController
    {
        private static readonly ILog Log = LogManager.GetLogger(typeof(AccountController));

        private readonly ITokenService _tokens;
        private readonly IAccountRepository _accounts;

        public AccountController(ITokenService tokens, IAccountRepository accounts)
        {
            _tokens = tokens;
            _accounts = accounts;
        }

        [HttpPost, Route("login")]
        public IHttpActionResult Login(LoginModel model)
        {
            var account = _accounts.Validate(model.UserName, model.Password);
            if (account == null)
            {
                Log.WarnFormat("Login failed for {0}", model.UserName);
                return Unauthorized();
            }

            var token = _tokens.Issue(account);
            Log.Info("Issued portal token " + token.Value + " for account " + account.Id); // Noncompliant THC001

            var response = HttpContext.Current.Response;
            response.Cookies.Add(new HttpCookie("portal_auth", token.Value) { Expires = DateTime.UtcNow.AddHours(8) }); // Noncompliant THC007
            response.Cookies.Add(new HttpCookie("portal_refresh", token.RefreshValue)
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Strict,
                Expires = DateTime.UtcNow.AddDays(14)
            });
            return Ok(new { accountId = account.Id });
        }

        [HttpGet, Route("admin/{id:int}")]
        public IHttpActionResult AdminView(int id)
        {
            var raw = Request.Headers.Authorization?.Parameter;
            if (string.IsNullOrEmpty(raw))
            {
                return Unauthorized();
            }

            var jwt = new JwtSecurityTokenHandler().ReadJwtToken(raw); // Noncompliant THC005
            if (!jwt.Claims.Any(c => c.Type == "role" && c.Value == "PortalAdmin"))
            {
                return StatusCode(HttpStatusCode.Forbidden);
            }

            try
            {
                return Ok(_accounts.Load(id));
            }
            catch (Exception ex)
            {
                return Content(HttpStatusCode.InternalServerError, ex.ToString()); // Noncompliant THC003
            }
        }

        [HttpGet, Route("{id:int}/summary")]
        [Authorize]
        public IHttpActionResult Summary(int id)
        {
            var correlationId = Request.GetCorrelationId();
            try
            {
                return Ok(_accounts.Summary(id));
            }
            catch (Exception ex)
            {
                Log.Error("Summary failed, correlation " + correlationId, ex);
                return Content(HttpStatusCode.InternalServerError,
                    new { error = "An unexpected error occurred.", correlationId });
            }
        }
    }
}
