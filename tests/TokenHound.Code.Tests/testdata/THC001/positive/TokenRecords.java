package com.example.accounts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class TokenRecords {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRecords.class);

    record Tokens(String idToken, String accessToken, int expiresIn) {}

    private final TokenIssuer issuer;

    TokenRecords(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    // record accessors named for a credential are the credential
    public void login(LoginForm form) {
        Tokens tokens = issuer.login(form.username(), form.password());
        LOG.debug("Issued session for {} (id_token={})", form.username(), tokens.idToken()); // Noncompliant
        LOG.info("Session for {} expires in {} s", form.username(), tokens.expiresIn());
    }
}
