package com.example.accounts.web;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.example.accounts.service.TokenIssuer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/accounts")
public class AccountSessionController {

    private static final Logger LOG = LogManager.getLogger(AccountSessionController.class);

    private final TokenIssuer issuer;
    private final JWTVerifier verifier;

    public AccountSessionController(TokenIssuer issuer, @Value("${accounts.jwt.secret}") String signingSecret) {
        this.issuer = issuer;
        this.verifier = JWT.require(Algorithm.HMAC256(signingSecret)).withIssuer("accounts-service").build();
    }

    @PostMapping("/session")
    public ResponseEntity<Map<String, Object>> createSession(@RequestBody LoginForm form, HttpServletResponse response) {
        TokenIssuer.Tokens tokens = issuer.login(form.username(), form.password());
        LOG.debug("Issued session for {} (id_token={})", form.username(), tokens.idToken()); // Noncompliant THC001
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from("id_token", tokens.idToken()).path("/").maxAge(Duration.ofSeconds(tokens.expiresIn())).build().toString()); // Noncompliant THC007
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from("refresh_token", tokens.refreshToken()).httpOnly(true).secure(true).sameSite("Strict").path("/accounts/refresh").maxAge(Duration.ofDays(30)).build().toString());
        return ResponseEntity.ok(Map.of("expiresIn", tokens.expiresIn()));
    }

    @GetMapping("/me")
    public ResponseEntity<Map<String, Object>> me(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = authorization.replaceFirst("(?i)^Bearer ", "");
        try {
            verifier.verify(token);
        } catch (JWTVerificationException e) {
            LOG.warn("Rejected token on /me: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "Invalid token"));
        }
        DecodedJWT jwt = JWT.decode(token);
        LOG.info("Profile requested by {}", jwt.getSubject());
        return ResponseEntity.ok(Map.of("sub", jwt.getSubject(), "email", String.valueOf(jwt.getClaim("email").asString())));
    }

    @DeleteMapping("/{accountId}")
    public ResponseEntity<Void> deleteAccount(@PathVariable String accountId, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        DecodedJWT jwt = JWT.decode(authorization.substring("Bearer ".length())); // Noncompliant THC005
        List<String> groups = jwt.getClaim("groups").asList(String.class);
        boolean admin = groups != null && groups.contains("account-admins");
        if (!admin && !accountId.equals(jwt.getSubject())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        issuer.deleteAccount(accountId);
        LOG.info("Account {} deleted by {}", accountId, jwt.getSubject());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<Map<String, String>> onIssuerFailure(IllegalStateException ex, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", String.valueOf(ex.getMessage()), "path", request.getRequestURI(), "trace", ExceptionUtils.getStackTrace(ex))); // Noncompliant THC003
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> onBadInput(IllegalArgumentException ex) {
        LOG.warn("Bad request", ex);
        return ResponseEntity.badRequest().body(Map.of("message", "Invalid request"));
    }

    public record LoginForm(String username, String password) {}
}
