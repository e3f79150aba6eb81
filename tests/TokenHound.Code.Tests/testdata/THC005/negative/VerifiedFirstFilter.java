package com.example.portal;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import jakarta.servlet.http.HttpServletRequest;

// The token is verified before either branch reads its claims.
public class VerifiedFirstFilter {
    private final JWTVerifier verifier = JWT.require(Algorithm.HMAC256(System.getenv("JWT_SIGNING_KEY"))).build();

    public String role(HttpServletRequest req, String token) {
        verifier.verify(token);
        if (req.getRequestURI().startsWith("/reports/")) {
            DecodedJWT jwt = JWT.decode(token);
            return jwt.getClaim("role").asString();
        }
        return "user";
    }
}
