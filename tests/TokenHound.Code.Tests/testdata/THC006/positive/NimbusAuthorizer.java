package com.example.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

public class NimbusAuthorizer {
    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public NimbusAuthorizer(JWSVerificationKeySelector<SecurityContext> keys) {
        processor.setJWSKeySelector(keys);
        // a claims verifier that does nothing: no exp, nbf, iss or aud check
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // Noncompliant
    }
}
