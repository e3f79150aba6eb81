package gov.example.benefits.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Authenticates citizen-ID (OIDC) tokens in front of the benefits case API. */
public class CitizenIdJwtFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(CitizenIdJwtFilter.class);
    private static final String ISSUER = "https://auth.citizen-id.example.gov";
    private static final String AUDIENCE = "benefits-case-api";
    private static final String USERINFO = ISSUER + "/oidc/userinfo";

    private final JWTVerifier verifier;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public CitizenIdJwtFilter(RSAPublicKey citizenIdKey) {
        this.verifier = JWT.require(Algorithm.RSA256(citizenIdKey, null))
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .build();
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String header = req.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            res.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String token = header.substring("Bearer ".length());

        if (req.getRequestURI().startsWith("/internal/")) {
            handleInternal(token, req, res, chain);
            return;
        }

        try {
            DecodedJWT verified = verifier.verify(token);
            req.setAttribute("citizenSub", verified.getSubject());
            req.setAttribute("assurance", verified.getClaim("acr").asString());
            LOG.info("citizen {} authenticated at level {}", verified.getSubject(), verified.getClaim("acr").asString());
        } catch (com.auth0.jwt.exceptions.JWTVerificationException e) {
            LOG.info("citizen token rejected: {}", e.getClass().getSimpleName());
            res.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }

        String refresh = req.getHeader("X-Refresh-Token");
        if (refresh != null) {
            LOG.debug("client also sent refresh token {}", refresh); // Noncompliant THC001
        }
        chain.doFilter(req, res);
    }

    private void handleInternal(String token, HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        // Internal callers come through the service mesh, so we only read the roles.
        DecodedJWT decoded = JWT.decode(token); // Noncompliant THC005
        List<String> roles = decoded.getClaim("roles").asList(String.class);
        if (roles == null || !roles.contains("caseworker")) {
            res.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        req.setAttribute("caseworker", decoded.getSubject());
        chain.doFilter(req, res);
    }

    /** Used by the batch import endpoint, whose tokens come from the old gateway. */
    public static String legacyOperator(String token) {
        Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
        if (!"operator".equals(claims.get("role", String.class))) {
            throw new SecurityException("not an operator");
        }
        return claims.getSubject();
    }

    public String profileFor(String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(USERINFO + "?access_token=" + token)).GET().build(); // Noncompliant THC009
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        LOG.info("userinfo status {}", response.statusCode());
        return response.body();
    }
}
