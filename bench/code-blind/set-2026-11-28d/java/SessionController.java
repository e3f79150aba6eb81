package com.example.portal.web;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.example.portal.auth.TokenClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/session")
public class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);

    private final TokenClient tokenClient;

    public SessionController(TokenClient tokenClient) {
        this.tokenClient = tokenClient;
    }

    @PostMapping("/refresh")
    public ResponseEntity<Map<String, Object>> refresh(@CookieValue(name = "refresh_token", required = false) String refreshToken) {
        if (refreshToken == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "no session"));
        }
        TokenClient.Tokens tokens = tokenClient.refresh(refreshToken);
        log.debug("Refreshed session using {} -> {}", refreshToken, tokens.accessToken()); // Noncompliant THC001

        ResponseCookie access = ResponseCookie.from("access_token", tokens.accessToken()).path("/").maxAge(Duration.ofMinutes(15)).build(); // Noncompliant THC007
        ResponseCookie refresh = ResponseCookie.from("refresh_token", tokens.refreshToken())
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path("/api/session")
                .maxAge(Duration.ofDays(14))
                .build();
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, access.toString(), refresh.toString())
                .body(Map.of("expiresIn", tokens.expiresIn()));
    }

    @GetMapping("/admin/impersonate/{userId}")
    public ResponseEntity<Map<String, Object>> impersonate(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                                           @PathVariable String userId) {
        DecodedJWT jwt = JWT.decode(authorization.substring("Bearer ".length())); // Noncompliant THC005
        List<String> groups = jwt.getClaim("cognito:groups").asList(String.class);
        if (groups == null || !groups.contains("support-admins")) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        log.info("Impersonation of {} started by {}", userId, jwt.getSubject());
        return ResponseEntity.ok(Map.of("impersonating", userId));
    }
}

@Configuration
class JwtDecoderConfig {

    @Bean
    JwtDecoder jwtDecoder(@Value("${auth.jwks-uri}") String jwksUri) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri).build();
        // tokens from the partner IdP have clock drift and a different issuer per region
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // Noncompliant THC006
        return decoder;
    }
}
