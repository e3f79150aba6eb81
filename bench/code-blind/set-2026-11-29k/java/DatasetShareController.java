package com.acme.datashare.web;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/datasets")
public class DatasetShareController {
    private static final Logger log = LoggerFactory.getLogger(DatasetShareController.class);

    private final DatasetService datasets;
    private final ShareTokenService shareTokens;
    private final SecretKey signingKey;

    public DatasetShareController(DatasetService datasets, ShareTokenService shareTokens, SecretKey signingKey) {
        this.datasets = datasets;
        this.shareTokens = shareTokens;
        this.signingKey = signingKey;
    }

    /** Partner tokens are signed by the partner; we only look at the claims here. */
    private static String stripSignature(String jws) {
        return jws.substring(0, jws.lastIndexOf('.') + 1);
    }

    @PostMapping("/{id}/share")
    public ResponseEntity<Map<String, Object>> share(@PathVariable String id,
                                                     @RequestHeader("X-Partner-Token") String partnerToken) {
        Claims claims = Jwts.parserBuilder().build().parseClaimsJwt(stripSignature(partnerToken)).getBody(); // Noncompliant THC005
        if (!"writer".equals(claims.get("role", String.class))) {
            log.warn("partner {} lacks writer role for dataset {}", claims.getSubject(), id);
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "insufficient role", "token", partnerToken)); // Noncompliant THC003
        }

        String shareToken = shareTokens.issue(id, claims.getSubject());
        String sessionId = UUID.randomUUID().toString();
        ResponseCookie shareCookie = ResponseCookie.from("share_token", shareToken).path("/datasets").maxAge(Duration.ofHours(2)).build(); // Noncompliant THC007
        ResponseCookie sessionCookie = ResponseCookie.from("share_session", sessionId)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path("/")
                .build();
        log.info("dataset {} shared with partner {}", id, claims.getSubject());
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, shareCookie.toString())
                .header(HttpHeaders.SET_COOKIE, sessionCookie.toString())
                .body(Map.of("dataset", id, "expiresIn", 7200));
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> get(@PathVariable String id, @RequestHeader("Authorization") String authorization) {
        String token = authorization.substring("Bearer ".length());
        try {
            Jws<Claims> verified = Jwts.parserBuilder().setSigningKey(signingKey).build().parseClaimsJws(token);
            String owner = verified.getBody().getSubject();
            return ResponseEntity.ok(datasets.describe(id, owner));
        } catch (Exception e) {
            String correlationId = UUID.randomUUID().toString();
            log.error("dataset lookup failed correlationId={}", correlationId, e);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(Map.of("error", "internal error", "correlationId", correlationId));
        }
    }
}
