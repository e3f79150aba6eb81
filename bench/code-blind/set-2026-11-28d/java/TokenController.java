package com.example.gateway;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.example.gateway.auth.TokenIssuer;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

@Controller("/oauth")
public class TokenController {

    private static final Logger LOG = LoggerFactory.getLogger(TokenController.class);

    private final JWTVerifier verifier;
    private final TokenIssuer issuer;

    public TokenController(@Value("${auth.hmac-secret}") String hmacSecret,
                           @Value("${auth.issuer}") String expectedIssuer,
                           TokenIssuer issuer) {
        this.issuer = issuer;
        this.verifier = JWT.require(Algorithm.HMAC256(hmacSecret)) // Noncompliant THC006
                .withIssuer(expectedIssuer)
                .acceptExpiresAt(Long.MAX_VALUE)
                .build();
    }

    @Serdeable
    public record TokenRequest(String clientId, String clientSecret, String scope) {
    }

    @Post("/token")
    public HttpResponse<Map<String, Object>> token(@Body TokenRequest request) {
        LOG.info("Token request from client {} for scope {}", request.clientId(), request.scope());
        TokenIssuer.Issued issued = issuer.issue(request.clientId(), request.clientSecret(), request.scope());
        if (issued == null) {
            LOG.warn("Rejected credentials for client {} (secret {})", request.clientId(), request.clientSecret()); // Noncompliant THC001
            return HttpResponse.<Map<String, Object>>status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid_client"));
        }

        Cookie session = Cookie.of("gw_session", issued.accessToken()).path("/").maxAge(Duration.ofHours(1)); // Noncompliant THC007
        Cookie refresh = Cookie.of("gw_refresh", issued.refreshToken())
                .httpOnly(true)
                .secure(true)
                .sameSite(SameSite.Strict)
                .path("/oauth");

        Map<String, Object> body = Map.of("token_type", "Bearer", "expires_in", issued.expiresIn());
        return HttpResponse.ok(body).cookie(session).cookie(refresh);
    }

    @Get("/introspect")
    public HttpResponse<Map<String, Object>> introspect(@Header("Authorization") String authorization) {
        try {
            DecodedJWT jwt = verifier.verify(authorization.replaceFirst("^Bearer ", ""));
            return HttpResponse.ok(Map.of("active", true, "sub", jwt.getSubject(), "scope", jwt.getClaim("scope").asString()));
        } catch (JWTVerificationException e) {
            LOG.info("Introspection failed: {}", e.getMessage());
            return HttpResponse.ok(Map.of("active", false));
        }
    }
}
