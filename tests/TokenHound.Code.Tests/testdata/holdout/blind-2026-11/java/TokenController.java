package com.example.orders.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/auth")
public class TokenController {
    private static final Logger log = LoggerFactory.getLogger(TokenController.class);
    private final TokenService tokens;

    public TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/me")
    public ResponseEntity<String> me(@RequestHeader("Authorization") String authorization) {
        log.info("me called with {}", authorization); // Noncompliant THC001
        return ResponseEntity.ok(tokens.subjectOf(authorization));
    }

    @PostMapping("/login")
    public ResponseEntity<Void> login(@RequestBody LoginForm form, HttpServletResponse response) {
        TokenPair pair = tokens.login(form.username(), form.password());
        log.info("login ok for {}", form.username());
        Cookie cookie = new Cookie("access_token", pair.accessToken()); // Noncompliant THC007
        cookie.setPath("/");
        response.addCookie(cookie);
        ResponseCookie refresh = ResponseCookie.from("refresh_token", pair.refreshToken()).httpOnly(true).secure(true).sameSite("Strict").path("/auth").build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, refresh.toString()).build();
    }

    @PostMapping("/refresh")
    public ResponseEntity<Void> refresh(@CookieValue("refresh_token") String refreshToken) {
        TokenPair pair = tokens.refresh(refreshToken);
        log.debug(String.format("refreshed %s -> %s", refreshToken, pair.accessToken())); // Noncompliant THC001
        log.debug("refreshed token for subject {}", tokens.subjectOf(pair.accessToken()));
        return ResponseEntity.noContent().build();
    }
}
