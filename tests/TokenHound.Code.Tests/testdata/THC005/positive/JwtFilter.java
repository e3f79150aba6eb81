package com.example.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;

public class JwtFilter {

    public String subject(String header) {
        String token = header.substring(7);
        DecodedJWT jwt = JWT.decode(token); // Noncompliant
        return jwt.getSubject();
    }

    public Claims claims(String token) {
        return Jwts.parser().unsecured().build() // Noncompliant
                .parseUnsecuredClaims(token) // Noncompliant
                .getPayload();
    }
}
