package com.example.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

@Configuration
public class JwtVerifiers {

    public JWTVerifier partnerVerifier(String secret, String issuer) {
        return JWT.require(Algorithm.HMAC256(secret))
                .withIssuer(issuer)
                .acceptExpiresAt(30)
                .acceptLeeway(5)
                .build();
    }

    @Bean
    JwtDecoder jwtDecoder(String jwksUri, String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }
}
