package com.example.portal.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

@RestController
public class OidcCallbackController {

    private static final Logger log = LoggerFactory.getLogger(OidcCallbackController.class);

    private final RestClient restClient = RestClient.create();
    private final String tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;

    public OidcCallbackController(@Value("${oidc.token-endpoint}") String tokenEndpoint,
                                  @Value("${oidc.client-id}") String clientId,
                                  @Value("${oidc.client-secret}") String clientSecret,
                                  @Value("${oidc.redirect-uri}") String redirectUri) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
    }

    @GetMapping("/oidc/callback")
    public void callback(@RequestParam String code, @RequestParam String state, HttpSession session,
                         HttpServletResponse response) throws IOException {
        Object expectedState = session.getAttribute("oidc_state");
        if (expectedState == null || !expectedState.equals(state)) {
            log.warn("OIDC state mismatch on callback");
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid state");
            return;
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", redirectUri);
        Map<String, Object> tokens = restClient.post()
                .uri(tokenEndpoint)
                .headers(h -> h.setBasicAuth(clientId, clientSecret))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() {});
        log.info("Token endpoint response: {}", tokens); // Noncompliant THC001
        log.info("Login completed, access token expires in {}s", tokens.get("expires_in"));

        ResponseCookie access = ResponseCookie.from("access_token", (String) tokens.get("access_token")).path("/").secure(true).maxAge(Duration.ofHours(1)).build(); // Noncompliant THC007
        ResponseCookie refresh = ResponseCookie.from("refresh_token", (String) tokens.get("refresh_token"))
                .httpOnly(true).secure(true).sameSite("Strict").path("/oidc/refresh").maxAge(Duration.ofDays(30)).build();
        response.addHeader(HttpHeaders.SET_COOKIE, access.toString());
        response.addHeader(HttpHeaders.SET_COOKIE, refresh.toString());
        response.sendRedirect("/app");
    }

    @GetMapping("/api/admin/audit")
    public Map<String, Object> audit(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        DecodedJWT jwt = JWT.decode(authorization.substring("Bearer ".length())); // Noncompliant THC005
        List<String> groups = jwt.getClaim("cognito:groups").asList(String.class);
        if (groups == null || !groups.contains("admins")) {
            log.info("Audit access denied for sub {}", jwt.getSubject());
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return Map.of("viewer", jwt.getSubject(), "entries", List.of());
    }

    @ExceptionHandler(Exception.class)
    public void onError(Exception ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.getWriter().println("Login failed for " + request.getRequestURI() + " from " + request.getRemoteAddr());
        ex.printStackTrace(response.getWriter()); // Noncompliant THC003
    }
}
