package com.example.gateway;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;

import java.time.Duration;
import java.util.Map;

@Controller("/auth")
public class TokenCookies {
    private final TokenIssuer issuer;

    public TokenCookies(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Post("/token")
    public HttpResponse<Map<String, Object>> token(@Body TokenRequest request) {
        TokenIssuer.Issued issued = issuer.issue(request.clientId(), request.clientSecret());
        // Micronaut cookies: Cookie.of(name, value) and its chain; a value named for a token makes a token cookie
        Cookie session = Cookie.of("gw_session", issued.accessToken()).path("/").maxAge(Duration.ofHours(1)); // Noncompliant
        Cookie refresh = Cookie.of("gw_refresh", issued.refreshToken()).httpOnly(true).path("/auth"); // Noncompliant
        return HttpResponse.<Map<String, Object>>ok(Map.of("expiresIn", 3600)).cookie(session).cookie(refresh);
    }
}
