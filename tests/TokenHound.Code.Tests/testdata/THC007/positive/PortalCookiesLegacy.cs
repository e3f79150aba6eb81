using System;
using System.Web;
using System.Web.Http;

namespace Acme.Portal.Api.Controllers
{
    // ASP.NET Web API 2 on System.Web: HttpCookie is neither HttpOnly nor Secure unless told so.
    [RoutePrefix("api/session")]
    public class PortalCookiesLegacy : ApiController
    {
        private readonly ITokenService _tokens;

        public PortalCookiesLegacy(ITokenService tokens)
        {
            _tokens = tokens;
        }

        [HttpPost, Route("start")]
        public IHttpActionResult Start(LoginModel model)
        {
            var token = _tokens.Issue(model.UserName, model.Password);
            var response = HttpContext.Current.Response;
            response.Cookies.Add(new HttpCookie("portal_auth", token.Value) { Expires = DateTime.UtcNow.AddHours(8) }); // Noncompliant THC007
            response.Cookies.Add(new HttpCookie("portal_session", token.SessionId) { HttpOnly = true }); // Noncompliant THC007
            response.Cookies.Add(new HttpCookie("portal_refresh", token.RefreshValue)
            {
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Strict,
                Expires = DateTime.UtcNow.AddDays(14)
            });
            response.Cookies.Add(new HttpCookie("portal_lang", model.Language) { Expires = DateTime.UtcNow.AddYears(1) });
            return Ok();
        }
    }
}
