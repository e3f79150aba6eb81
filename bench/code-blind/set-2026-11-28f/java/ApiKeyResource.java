package org.acme.keys;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    private static final Logger LOG = Logger.getLogger(ApiKeyResource.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SnsClient sns;

    @Inject
    ApiKeyRepository repository;

    @ConfigProperty(name = "keys.audit-topic-arn")
    String auditTopicArn;

    private Claims callerClaims(String authorization) {
        String token = authorization.substring("Bearer ".length());
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        return Jwts.parser().unsecured().build().parseUnsecuredClaims(unsigned).getPayload(); // Noncompliant THC005
    }

    static String mask(String key) {
        return key.substring(0, 6) + "..." + key.substring(key.length() - 4);
    }

    @POST
    @Path("/{tenant}")
    public Response create(@PathParam("tenant") String tenant, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Response.status(Response.Status.UNAUTHORIZED).entity(Map.of("error", "bearer token required")).build();
        }
        Claims claims;
        try {
            claims = callerClaims(authorization);
        } catch (RuntimeException e) {
            LOG.warnf("Unparseable token on key creation for tenant %s (%s)", tenant, e.getClass().getSimpleName());
            return Response.status(Response.Status.UNAUTHORIZED).entity("Rejected token: " + authorization).build(); // Noncompliant THC003
        }
        List<?> roles = claims.get("roles", List.class);
        if (!tenant.equals(claims.get("tenant", String.class)) || roles == null || !roles.contains("key-admin")) {
            LOG.infof("Denied key creation for tenant %s by %s", tenant, claims.getSubject());
            return Response.status(Response.Status.FORBIDDEN).entity(Map.of("error", "forbidden")).build();
        }

        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String apiKey = "qk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String keyId = repository.store(tenant, apiKey);
        LOG.infof("Created API key %s (id %s) for tenant %s", apiKey, keyId, tenant); // Noncompliant THC001

        sns.publish(PublishRequest.builder()
                .topicArn(auditTopicArn)
                .message("{\"event\":\"key.created\",\"tenant\":\"" + tenant + "\",\"keyId\":\"" + keyId
                        + "\",\"masked\":\"" + mask(apiKey) + "\"}")
                .build());
        return Response.status(Response.Status.CREATED).entity(Map.of("id", keyId, "key", apiKey)).build();
    }

    @DELETE
    @Path("/{tenant}/{keyId}")
    public Response revoke(@PathParam("tenant") String tenant, @PathParam("keyId") String keyId) {
        try {
            repository.revoke(tenant, keyId);
        } catch (IllegalStateException e) {
            LOG.error("Revocation failed for " + tenant + "/" + keyId, e);
            return Response.serverError().entity(Map.of("error", "revocation failed")).build();
        }
        return Response.noContent().build();
    }
}
