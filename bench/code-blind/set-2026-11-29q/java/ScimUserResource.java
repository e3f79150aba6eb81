package com.example.saas.scim;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.inject.Inject;
import jakarta.ws.rs.*;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SCIM 2.0 Users endpoint for tenant identity providers (Quarkus RESTEasy Reactive). */
@Path("/scim/v2/Users")
@Produces("application/scim+json")
@Consumes({"application/scim+json", MediaType.APPLICATION_JSON})
public class ScimUserResource {

    private static final Logger LOG = Logger.getLogger(ScimUserResource.class);
    private static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    public record ScimUser(String id, String externalId, String userName, boolean active, List<Map<String, String>> emails) {}

    @Inject
    ScimConfig config;

    @ConfigProperty(name = "scim.users.table", defaultValue = "scim-users")
    String usersTable;

    private DynamoDbClient dynamo;

    private DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = DynamoDbClient.builder() // Noncompliant THC008
                    .region(Region.of(config.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey())))
                    .build();
        }
        return dynamo;
    }

    private static Response scimError(int status, String detail) {
        return Response.status(status).entity(Map.of("schemas", List.of(ERROR_SCHEMA), "status", String.valueOf(status), "detail", detail)).build();
    }

    @POST
    public Response create(ScimUser user, @HeaderParam("Authorization") String authHeader, @Context HttpHeaders headers) {
        LOG.debugf("SCIM create headers: %s", headers.getRequestHeaders()); // Noncompliant THC002
        if (authHeader == null || !authHeader.startsWith("Bearer ")) {
            return scimError(401, "bearer token required");
        }
        String token = authHeader.substring(7);
        Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
        String tenantId = claims.get("tenant_id", String.class);
        if (tenantId == null || !claims.get("scope", String.class).contains("scim:users:write")) {
            return scimError(403, "scope scim:users:write required");
        }

        String id = UUID.randomUUID().toString();
        try {
            dynamo().putItem(PutItemRequest.builder()
                    .tableName(usersTable)
                    .item(Map.of(
                            "pk", AttributeValue.fromS("TENANT#" + tenantId),
                            "sk", AttributeValue.fromS("USER#" + id),
                            "userName", AttributeValue.fromS(user.userName()),
                            "externalId", AttributeValue.fromS(user.externalId() == null ? "" : user.externalId()),
                            "active", AttributeValue.fromBool(user.active())))
                    .conditionExpression("attribute_not_exists(pk)")
                    .build());
            LOG.infof("SCIM user %s created for tenant %s (externalId=%s)", id, tenantId, user.externalId());
            return Response.status(201).entity(new ScimUser(id, user.externalId(), user.userName(), user.active(), user.emails())).build();
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return scimError(409, "userName already exists");
        } catch (RuntimeException e) {
            return Response.status(500).entity(Map.of("detail", e.getMessage(), "authorization", authHeader)).build(); // Noncompliant THC003
        }
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        String correlationId = UUID.randomUUID().toString();
        LOG.infof("SCIM delete %s correlation %s", id, correlationId);
        return scimError(501, "soft delete only; use PATCH active=false (correlation " + correlationId + ")");
    }
}
