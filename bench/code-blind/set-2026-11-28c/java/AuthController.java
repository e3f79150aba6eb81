package com.example.auth;

import com.auth0.jwk.Jwk;
import com.auth0.jwk.JwkProvider;
import com.auth0.jwk.JwkProviderBuilder;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.Cookie;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class AuthController {
    private static final Logger log = LoggerFactory.getLogger(AuthController.class);

    public record LoginForm(String username, String password) {}

    private final JWTVerifier verifier;
    private final CognitoGateway cognito;

    public AuthController(String issuer, String audience, CognitoGateway cognito) {
        JwkProvider jwks = new JwkProviderBuilder(issuer).cached(10, 24, TimeUnit.HOURS).build();
        RSAKeyProvider keys = new RSAKeyProvider() {
            public RSAPublicKey getPublicKeyById(String kid) {
                try {
                    Jwk jwk = jwks.get(kid);
                    return (RSAPublicKey) jwk.getPublicKey();
                } catch (Exception e) {
                    throw new IllegalStateException("unknown signing key " + kid, e);
                }
            }
            public RSAPrivateKey getPrivateKey() { return null; }
            public String getPrivateKeyId() { return null; }
        };
        this.verifier = JWT.require(Algorithm.RSA256(keys)).withIssuer(issuer).withAudience(audience).acceptLeeway(30).build();
        this.cognito = cognito;
    }

    public void register(Javalin app) {
        app.post("/login", this::login);
        app.get("/me", this::me);
        app.delete("/admin/users/{id}", this::deleteUser);
        app.exception(JWTVerificationException.class, (e, ctx) -> ctx.status(401).json(Map.of("error", "invalid token")));
        app.exception(Exception.class, (e, ctx) -> ctx.status(500).json(Map.of("error", String.valueOf(e.getMessage()), "path", ctx.path(), "authorization", String.valueOf(ctx.header("Authorization"))))); // Noncompliant THC003
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header == null ? "" : header.replaceFirst("^Bearer ", "");
    }

    private void login(Context ctx) {
        LoginForm form = ctx.bodyAsClass(LoginForm.class);
        log.debug("Login attempt user={} password={}", form.username(), form.password()); // Noncompliant THC001
        CognitoGateway.Tokens tokens = cognito.passwordAuth(form.username(), form.password());

        Cookie access = new Cookie("access_token", tokens.accessToken());
        access.setHttpOnly(true);
        access.setSecure(true);
        access.setPath("/");
        access.setAttribute("SameSite", "Strict");
        ctx.res().addCookie(access);
        ctx.res().addCookie(new Cookie("refresh_token", tokens.refreshToken())); // Noncompliant THC007

        log.info("Login ok user={} requestId={}", form.username(), ctx.header("X-Request-Id"));
        ctx.json(Map.of("expiresIn", tokens.expiresIn()));
    }

    private void me(Context ctx) {
        DecodedJWT jwt = verifier.verify(bearer(ctx));
        ctx.json(Map.of("sub", jwt.getSubject(), "email", String.valueOf(jwt.getClaim("email").asString())));
    }

    private void deleteUser(Context ctx) {
        DecodedJWT jwt = JWT.decode(bearer(ctx)); // Noncompliant THC005
        List<String> groups = jwt.getClaim("cognito:groups").asList(String.class);
        if (groups == null || !groups.contains("admin")) {
            ctx.status(403).json(Map.of("error", "forbidden"));
            return;
        }
        cognito.deleteUser(ctx.pathParam("id"));
        log.info("User {} deleted by {}", ctx.pathParam("id"), jwt.getSubject());
        ctx.status(204);
    }
}
