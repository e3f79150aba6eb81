package com.acme.gateway.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

public class JwtFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(JwtFilter.class);
    private final JWTVerifier verifier;

    public JwtFilter(Algorithm algorithm, String issuer) {
        this.verifier = JWT.require(algorithm).withIssuer(issuer).build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            response.sendError(401);
            return;
        }
        String token = header.substring(7);
        DecodedJWT verified = verifier.verify(token);
        request.setAttribute("sub", verified.getSubject());
        log.debug("authenticated subject {}", verified.getSubject());
        chain.doFilter(request, response);
    }

    public boolean isAdmin(String token) {
        DecodedJWT decoded = JWT.decode(token); // Noncompliant THC005
        List<String> groups = decoded.getClaim("cognito:groups").asList(String.class);
        return groups != null && groups.contains("admin");
    }

    public String tenantOf(String token) {
        Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
        if (!"active".equals(claims.get("tenant_status", String.class))) {
            throw new SecurityException("tenant suspended");
        }
        return claims.get("tenant_id", String.class);
    }

    public String subjectForLogging(String token) {
        DecodedJWT verified = verifier.verify(token);
        log.info("token issued at {} for {}", verified.getIssuedAt(), verified.getSubject());
        return verified.getSubject();
    }

    public void traceToken(String token) {
        log.trace("raw bearer token {}", token); // Noncompliant THC001
        log.trace("bearer token length {}", token.length());
    }
}
