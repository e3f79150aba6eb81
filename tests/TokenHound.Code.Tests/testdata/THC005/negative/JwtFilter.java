package com.example.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

public class JwtFilter {
    private final JWTVerifier verifier;

    public JwtFilter(Algorithm algorithm) {
        this.verifier = JWT.require(algorithm).withIssuer("https://auth.example.com").build();
    }

    public String subject(String header) {
        String token = header.substring(7);
        DecodedJWT jwt = verifier.verify(token);
        return jwt.getSubject();
    }

    public String keyId(String token) {
        DecodedJWT unverified = JWT.decode(token);
        verifier.verify(token);
        return unverified.getKeyId();
    }
}
