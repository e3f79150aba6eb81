package com.example.portal.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

import com.example.portal.auth.TokenPair;
import com.example.portal.auth.TokenService;

@RestController
@RequestMapping("/api/auth")
public class AuthController {

    private static final Logger log = LoggerFactory.getLogger(AuthController.class);
    private final TokenService tokenService;

    public AuthController(TokenService tokenService) {
        this.tokenService = tokenService;
    }

    record LoginRequest(String email, String password) {}

    static String normaliseEmail(String email) {
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("invalid email");
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    @PostMapping("/login")
    public ResponseEntity<Map<String, Object>> login(@RequestBody LoginRequest body,
                                                     @RequestHeader(value = "X-Request-Id", required = false) String requestId) {
        String email = normaliseEmail(body.email());
        TokenPair tokens = tokenService.authenticate(email, body.password());
        log.info("login ok user={} requestId={}", email, requestId);

        ResponseCookie refresh = ResponseCookie.from("refresh_token", tokens.refreshToken())
                .httpOnly(true).secure(true).sameSite("Strict").path("/api/auth").maxAge(Duration.ofDays(14)).build();
        ResponseCookie access = ResponseCookie.from("access_token", tokens.accessToken()).path("/").build(); // Noncompliant THC007

        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, refresh.toString())
                .header(HttpHeaders.SET_COOKIE, access.toString())
                .body(Map.of("user", email, "expiresIn", tokens.expiresIn()));
    }

    @PostMapping("/refresh")
    public ResponseEntity<Map<String, Object>> refresh(@CookieValue("refresh_token") String refreshToken) {
        log.debug("refresh requested with {}", refreshToken); // Noncompliant THC001
        TokenPair tokens = tokenService.refresh(refreshToken);
        log.debug("refresh ok, new token length {}", tokens.accessToken().length());
        return ResponseEntity.ok(Map.of("expiresIn", tokens.expiresIn()));
    }
}
