package com.example.mobile.web;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

@RestController
@RequestMapping("/api/auth")
public class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    private final IdentityClient identity;

    public AuthController(IdentityClient identity) {
        this.identity = identity;
    }

    public record LoginRequest(String username, String password, String deviceId) {}

    @PostMapping("/login")
    public ResponseEntity<?> login(@RequestBody LoginRequest req) {
        log.debug("login attempt username={} password={} device={}", req.username(), req.password(), req.deviceId()); // Noncompliant THC001
        try {
            IdentityClient.Tokens tokens = identity.passwordGrant(req.username(), req.password());
            ResponseCookie access = ResponseCookie.from("access_token", tokens.accessToken()).path("/").maxAge(Duration.ofMinutes(15)).build(); // Noncompliant THC007
            ResponseCookie refresh = ResponseCookie.from("refresh_token", tokens.refreshToken())
                    .httpOnly(true)
                    .secure(true)
                    .sameSite("Strict")
                    .path("/api/auth/refresh")
                    .maxAge(Duration.ofDays(30))
                    .build();
            log.info("login ok for {}", req.username());
            return ResponseEntity.ok()
                    .header(HttpHeaders.SET_COOKIE, access.toString())
                    .header(HttpHeaders.SET_COOKIE, refresh.toString())
                    .body(Map.of("expiresIn", tokens.expiresIn()));
        } catch (IdentityClient.InvalidCredentialsException e) {
            log.info("login rejected for {}", req.username());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid credentials"));
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "identity provider error", "trace", trace.toString(), "username", req.username())); // Noncompliant THC003
        }
    }

    @PostMapping("/admin/impersonate/{userId}")
    public ResponseEntity<?> impersonate(@PathVariable String userId, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = authorization.replaceFirst("(?i)^Bearer\\s+", "");
        // the gateway already checked the signature, we only need the role claim here
        Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
        if (!"support-admin".equals(claims.get("role", String.class))) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "forbidden"));
        }
        log.info("impersonation of {} by {}", userId, claims.getSubject());
        return ResponseEntity.ok(identity.impersonate(userId));
    }

    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<Map<String, String>> onIllegalState(IllegalStateException e) {
        log.error("unexpected state in auth flow", e);
        return ResponseEntity.internalServerError().body(Map.of("error", "internal error"));
    }
}
