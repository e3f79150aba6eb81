package com.acme.portal.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/session")
public class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);
    private final CognitoGateway cognito;

    public SessionController(CognitoGateway cognito) {
        this.cognito = cognito;
    }

    @PostMapping("/login")
    public Map<String, Object> login(@RequestBody LoginRequest body, HttpServletResponse response) {
        String token = cognito.login(body.username(), body.password());
        log.info("login succeeded for {}", body.username());
        response.addCookie(new Cookie("session_token", token)); // Noncompliant THC007
        return Map.of("ok", true);
    }

    @PostMapping("/login/v2")
    public ResponseEntity<Map<String, Object>> loginV2(@RequestBody LoginRequest body) {
        String token = cognito.login(body.username(), body.password());
        ResponseCookie cookie = ResponseCookie.from("session_token", token)
                .httpOnly(true).secure(true).sameSite("Strict").path("/").build();
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, cookie.toString()).body(Map.of("ok", true));
    }

    @GetMapping("/me")
    public ResponseEntity<Map<String, Object>> me(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        try {
            return ResponseEntity.ok(Map.of("user", cognito.userFor(auth)));
        } catch (Exception e) {
            return ResponseEntity.status(500).body(Map.of("error", e.getMessage(), "authorization", auth)); // Noncompliant THC003
        }
    }

    @GetMapping("/status")
    public ResponseEntity<Map<String, Object>> status(HttpServletRequest request) {
        try {
            return ResponseEntity.ok(Map.of("status", cognito.status()));
        } catch (Exception e) {
            log.error("status check failed", e);
            return ResponseEntity.status(503).body(Map.of("error", "service unavailable"));
        }
    }

    @PostMapping("/logout")
    public void logout(@RequestParam String password, HttpServletResponse response) {
        log.info("logout, confirmation password supplied: {}", password != null && !password.isEmpty());
        Cookie cleared = new Cookie("ui_theme", "");
        cleared.setMaxAge(0);
        response.addCookie(cleared);
    }

    public record LoginRequest(String username, String password) {}
}
