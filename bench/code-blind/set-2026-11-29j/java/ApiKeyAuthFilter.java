package com.acme.publicapi.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthFilter implements ContainerRequestFilter {
    private static final Logger LOG = Logger.getLogger(ApiKeyAuthFilter.class);

    public record ErrorBody(String error, String correlationId) {}

    @Inject
    ApiKeyRepository keys;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    TenantContext tenantContext;

    @Override
    public void filter(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        try {
            String apiKey = ctx.getHeaderString("X-Api-Key");
            String bearer = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
            if (apiKey != null) {
                authenticateApiKey(ctx, apiKey);
            } else if (bearer != null && bearer.startsWith("Bearer ")) {
                authenticatePartnerJwt(ctx, bearer.substring(7));
            } else {
                ctx.abortWith(Response.status(401).entity(new ErrorBody("missing_credentials", null)).build());
            }
        } catch (IllegalStateException e) {
            String correlationId = UUID.randomUUID().toString();
            LOG.errorf(e, "Key store unavailable on %s (correlation %s)", path, correlationId);
            ctx.abortWith(Response.status(503).entity(new ErrorBody("temporarily_unavailable", correlationId)).build());
        } catch (RuntimeException e) {
            ctx.abortWith(Response.serverError().entity("Auth failure on " + path + " headers=" + ctx.getHeaders() + ": " + e.getMessage()).build()); // Noncompliant THC003
        }
    }

    private void authenticateApiKey(ContainerRequestContext ctx, String apiKey) {
        ApiKeyRecord rec = keys.findByHash(ApiKeyHasher.sha256(apiKey));
        if (rec == null || rec.revoked()) {
            LOG.warnf("Rejected API key %s on %s", apiKey, ctx.getUriInfo().getPath()); // Noncompliant THC001
            ctx.abortWith(Response.status(401).entity(new ErrorBody("invalid_api_key", null)).build());
            return;
        }
        if (!rateLimiter.tryAcquire(rec.tenantId(), rec.plan())) {
            LOG.infof("Rate limited tenant %s (key prefix %s, plan %s)", rec.tenantId(), rec.prefix(), rec.plan());
            ctx.abortWith(Response.status(429).header("Retry-After", "30").entity(new ErrorBody("rate_limited", null)).build());
            return;
        }
        tenantContext.set(rec.tenantId(), rec.scopes());
    }

    private void authenticatePartnerJwt(ContainerRequestContext ctx, String token) {
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        Claims claims = Jwts.parserBuilder().build().parseClaimsJwt(unsigned).getBody(); // Noncompliant THC005
        if (!"partner".equals(claims.get("typ", String.class))) {
            ctx.abortWith(Response.status(403).entity(new ErrorBody("forbidden", null)).build());
            return;
        }
        List<String> scopes = Arrays.asList(claims.get("scope", String.class).split(" "));
        tenantContext.set(claims.get("tid", String.class), scopes);
        LOG.debugf("Partner %s authenticated with %d scopes", claims.getSubject(), scopes.size());
    }
}
