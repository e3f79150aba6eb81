package com.acme.checkout.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

@Component
public class PaymentAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PaymentAuthFilter.class);

    private final JWTVerifier verifier;

    public PaymentAuthFilter(@Value("${checkout.jwt.secret}") String secret) {
        this.verifier = JWT.require(Algorithm.HMAC256(secret))
                .withIssuer("checkout-auth")
                .withAudience("payments")
                .build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(7);
        log.info("Bearer token received for {}: {}", request.getRequestURI(), token); // Noncompliant THC001

        if (request.getRequestURI().startsWith("/internal/settlement")) {
            DecodedJWT caller = JWT.decode(token); // Noncompliant THC005
            if (!"settlement-service".equals(caller.getClaim("svc").asString())) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            request.setAttribute("callerService", caller.getClaim("svc").asString());
        } else {
            try {
                verifier.verify(token);
                DecodedJWT merchant = JWT.decode(token);
                request.setAttribute("merchantId", merchant.getSubject());
                log.debug("Authenticated merchant {} (jti {})", merchant.getSubject(), merchant.getId());
            } catch (JWTVerificationException e) {
                log.warn("Rejected merchant token: {}", e.getClass().getSimpleName());
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

@RestController
@RequestMapping("/session")
class SessionController {

    private static final Logger log = LoggerFactory.getLogger(SessionController.class);

    private final Algorithm sessionAlgorithm;

    SessionController(@Value("${checkout.session.secret}") String sessionSecret) {
        this.sessionAlgorithm = Algorithm.HMAC256(sessionSecret);
    }

    @PostMapping("/exchange")
    ResponseEntity<Map<String, String>> exchange(@RequestBody Map<String, String> body) {
        String handoff = body.get("handoffToken");
        Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(handoff).getPayload(); // Noncompliant THC005
        if (!"merchant".equals(claims.get("typ", String.class))) {
            return ResponseEntity.status(403).build();
        }
        String merchantId = claims.getSubject();
        String session = JWT.create().withSubject(merchantId).withAudience("payments").withIssuer("checkout-auth")
                .withExpiresAt(Instant.now().plus(Duration.ofMinutes(30))).sign(sessionAlgorithm);
        String refresh = UUID.randomUUID().toString();

        ResponseCookie sessionCookie = ResponseCookie.from("CHECKOUT_SESSION", session).httpOnly(true).path("/").maxAge(Duration.ofMinutes(30)).build(); // Noncompliant THC007
        ResponseCookie refreshCookie = ResponseCookie.from("CHECKOUT_REFRESH", refresh).httpOnly(true).secure(true).sameSite("Strict").path("/session/refresh").build();
        log.info("Session issued for merchant {}", merchantId);
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, sessionCookie.toString())
                .header(HttpHeaders.SET_COOKIE, refreshCookie.toString())
                .body(Map.of("merchantId", merchantId));
    }
}
