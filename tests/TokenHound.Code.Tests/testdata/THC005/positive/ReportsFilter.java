package com.example.portal;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

// The reports path decodes the token; only the other branch verifies it.
public class ReportsFilter {
    private final JWTVerifier verifier = JWT.require(Algorithm.HMAC256(System.getenv("JWT_SIGNING_KEY"))).build();

    public boolean allow(HttpServletRequest req, HttpServletResponse res, String token) throws Exception {
        if (req.getRequestURI().startsWith("/reports/")) {
            DecodedJWT jwt = JWT.decode(token); // Noncompliant
            if (!"analyst".equals(jwt.getClaim("role").asString())) {
                res.sendError(HttpServletResponse.SC_FORBIDDEN);
                return false;
            }
        } else {
            DecodedJWT verified = verifier.verify(token);
            req.setAttribute("userId", verified.getSubject());
        }
        return true;
    }
}
