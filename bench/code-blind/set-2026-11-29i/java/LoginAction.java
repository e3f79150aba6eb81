package com.acme.portal.struts;

import com.amazonaws.services.cognitoidp.AWSCognitoIdentityProvider;
import com.amazonaws.services.cognitoidp.AWSCognitoIdentityProviderClientBuilder;
import com.amazonaws.services.cognitoidp.model.AdminInitiateAuthRequest;
import com.amazonaws.services.cognitoidp.model.AdminInitiateAuthResult;
import com.amazonaws.services.cognitoidp.model.AuthFlowType;
import com.amazonaws.services.cognitoidp.model.AuthenticationResultType;
import com.amazonaws.services.cognitoidp.model.NotAuthorizedException;
import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.log4j.Logger;
import org.apache.struts.action.Action;
import org.apache.struts.action.ActionForm;
import org.apache.struts.action.ActionForward;
import org.apache.struts.action.ActionMapping;

/**
 * Struts 1.3 login action. Password logins go to Cognito (SDK v1, instance profile);
 * the "sso" mapping receives the id_token posted back by the hosted UI.
 */
public class LoginAction extends Action {

    private static final Logger log = Logger.getLogger(LoginAction.class);

    private final AWSCognitoIdentityProvider cognito = AWSCognitoIdentityProviderClientBuilder.defaultClient();
    private final String userPoolId = System.getProperty("portal.cognito.userPoolId");
    private final String clientId = System.getProperty("portal.cognito.clientId");

    @Override
    public ActionForward execute(ActionMapping mapping, ActionForm form,
                                 HttpServletRequest request, HttpServletResponse response) {
        if ("sso".equals(mapping.getParameter())) {
            return ssoCallback(mapping, request);
        }
        LoginForm lf = (LoginForm) form;
        log.info("login attempt for " + lf.getUsername());

        Map<String, String> params = new HashMap<>();
        params.put("USERNAME", lf.getUsername());
        params.put("PASSWORD", lf.getPassword());
        AuthenticationResultType tokens;
        try {
            AdminInitiateAuthResult result = cognito.adminInitiateAuth(new AdminInitiateAuthRequest()
                    .withUserPoolId(userPoolId)
                    .withClientId(clientId)
                    .withAuthFlow(AuthFlowType.ADMIN_NO_SRP_AUTH)
                    .withAuthParameters(params));
            tokens = result.getAuthenticationResult();
        } catch (NotAuthorizedException e) {
            log.warn("login rejected for " + lf.getUsername() + ": " + e.getErrorCode());
            return mapping.findForward("failure");
        }
        log.debug("cognito authentication result: " + tokens); // Noncompliant THC001

        Cookie idCookie = new Cookie("PORTAL_ID_TOKEN", tokens.getIdToken()); // Noncompliant THC007
        idCookie.setPath("/");
        idCookie.setMaxAge(tokens.getExpiresIn());
        response.addCookie(idCookie);

        // Servlet 3.0 Cookie has no SameSite, so the refresh cookie is written by hand
        response.addHeader("Set-Cookie", "PORTAL_REFRESH=" + tokens.getRefreshToken()
                + "; Path=/auth; Max-Age=1209600; Secure; HttpOnly; SameSite=Strict");

        Cookie lang = new Cookie("PORTAL_LANG", request.getLocale().getLanguage());
        lang.setPath("/");
        response.addCookie(lang);
        return mapping.findForward("success");
    }

    private ActionForward ssoCallback(ActionMapping mapping, HttpServletRequest request) {
        String idToken = request.getParameter("id_token");
        if (idToken == null || idToken.isEmpty()) {
            return mapping.findForward("failure");
        }
        DecodedJWT id = JWT.decode(idToken); // Noncompliant THC005
        List<String> groups = id.getClaim("cognito:groups").asList(String.class);
        boolean admin = groups != null && groups.contains("portal-admins");
        request.getSession(true).setAttribute("portal.isAdmin", admin);
        request.getSession().setAttribute("portal.user", id.getSubject());
        log.info("sso login for sub " + id.getSubject() + " admin=" + admin);
        return mapping.findForward(admin ? "admin" : "success");
    }
}
