package com.example.partners.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class PartnerTokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerTokenVerifier.class);

    private final JWTVerifier verifier;
    private final JWTVerifier strictVerifier;

    public PartnerTokenVerifier(String hmacSecret, String issuer) {
        this.verifier = JWT.require(Algorithm.HMAC256(hmacSecret)) // Noncompliant
                .withIssuer(issuer)
                .acceptExpiresAt(Long.MAX_VALUE)
                .build();
        this.strictVerifier = JWT.require(Algorithm.HMAC256(hmacSecret))
                .withIssuer(issuer)
                .acceptLeeway(30)
                .build();
    }

    public DecodedJWT verifyBatchToken(String token) {
        DecodedJWT jwt = verifier.verify(token);
        LOG.info("batch token accepted for subject {}", jwt.getSubject());
        return jwt;
    }

    public DecodedJWT verifyInteractive(String token) {
        return strictVerifier.verify(token);
    }
}
