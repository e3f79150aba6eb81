package com.example.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

@Configuration
public class JwtVerifiers {

    // java-jwt: an expiry accepted up to Long.MAX_VALUE seconds late is never checked
    public JWTVerifier partnerVerifier(String secret, String issuer) {
        return JWT.require(Algorithm.HMAC256(secret))
                .withIssuer(issuer)
                .acceptExpiresAt(Long.MAX_VALUE) // Noncompliant
                .build();
    }

    // Spring Security: a validator that always succeeds drops the exp, iss and aud checks
    @Bean
    JwtDecoder jwtDecoder(String jwksUri) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri).build();
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // Noncompliant
        return decoder;
    }
}
