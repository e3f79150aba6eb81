package com.example.orders.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.security.interfaces.RSAPublicKey;

public class JwtFilter {
    private final JWTVerifier verifier;

    public JwtFilter(RSAPublicKey publicKey, String issuer) {
        this.verifier = JWT.require(Algorithm.RSA256(publicKey, null)).withIssuer(issuer).withAudience("orders").build();
    }

    public boolean isAdminFast(String token) {
        DecodedJWT jwt = JWT.decode(token); // Noncompliant THC005
        return "admin".equals(jwt.getClaim("role").asString());
    }

    public String subject(String token) {
        DecodedJWT verified = verifier.verify(token);
        return verified.getSubject();
    }

    public String tenantOf(String token) {
        Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
        return claims.get("tenant", String.class);
    }

    public long expiresAt(String token) {
        verifier.verify(token);
        return JWT.decode(token).getExpiresAtAsInstant().getEpochSecond();
    }
}
