package com.example.auth;

import io.javalin.Javalin;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class LoginController {
    private static final Logger log = LoggerFactory.getLogger(LoginController.class);

    public record LoginForm(String username, String password) {}

    public record Keys(String accessKeyId, String secretAccessKey) {
        public String getSessionToken() { return ""; }
    }

    public void register(Javalin app) {
        app.post("/login", this::login);
    }

    private void login(Context ctx) {
        LoginForm form = ctx.bodyAsClass(LoginForm.class);
        log.debug("Login attempt user={} password={}", form.username(), form.password()); // Noncompliant
        Keys keys = new Keys("id", "secret");
        log.trace("session {}", keys.getSessionToken()); // Noncompliant
        log.info("login for {} ({} chars of password)", form.username(), form.password().length());
        ctx.status(204);
    }
}
