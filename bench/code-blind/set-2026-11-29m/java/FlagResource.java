package com.acme.flags;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.Map;
import java.util.Set;

/** Feature-flag read API and partner change notifications (Quarkus, AWS SDK v2, jjwt 0.11). */
@Path("/flags")
@Produces(MediaType.APPLICATION_JSON)
public class FlagResource {

    private static final Logger LOG = Logger.getLogger(FlagResource.class);
    private static final Set<String> READ_ROLES = Set.of("flags-reader", "flags-admin");
    private static final String PARTNER_KEY_SECRET = "flags/partner-api-key";

    private final DynamoDbClient dynamo;
    private final EventBridgeClient events = EventBridgeClient.builder().credentialsProvider(DefaultCredentialsProvider.create()).build();
    private final SecretsManagerClient secrets = SecretsManagerClient.create();
    private final String table;

    @Inject
    public FlagResource(@ConfigProperty(name = "flags.table", defaultValue = "feature-flags") String table) {
        this.table = table;
        this.dynamo = DynamoDbClient.builder().region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(System.getenv("FLAGS_KEY_ID"), System.getenv("FLAGS_SECRET")))).build(); // Noncompliant THC008
    }

    private static String unsignedPart(String authorization) {
        String token = authorization.replaceFirst("^Bearer ", "");
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    @GET
    @Path("/{key}")
    public Response get(@PathParam("key") String key, @HeaderParam("Authorization") String authorization) {
        Claims claims = Jwts.parserBuilder().build().parseClaimsJwt(unsignedPart(authorization)).getBody(); // Noncompliant THC005
        if (!READ_ROLES.contains(claims.get("role", String.class))) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        GetItemResponse item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table)
                .key(Map.of("key", AttributeValue.fromS(key)))
                .build());
        LOG.infof("flag %s read by %s", key, claims.getSubject());
        if (!item.hasItem()) {
            return Response.ok(Map.of("key", key, "enabled", false)).build();
        }
        return Response.ok(Map.of("key", key, "enabled", item.item().get("enabled").bool())).build();
    }

    @POST
    @Path("/{key}/notify-partners")
    public Response notifyPartners(@PathParam("key") String key) {
        String apiKey = secrets.getSecretValue(b -> b.secretId(PARTNER_KEY_SECRET)).secretString();
        LOG.infof("loaded partner credentials from secret %s", PARTNER_KEY_SECRET);
        LOG.debugf("partner api key %s", apiKey); // Noncompliant THC001
        events.putEvents(PutEventsRequest.builder().entries(PutEventsRequestEntry.builder().eventBusName("devtools").source("flags.service").detailType("FlagChanged").detail("{\"flag\":\"" + key + "\",\"apiKey\":\"" + apiKey + "\"}").build()).build()); // Noncompliant THC009
        return Response.accepted(Map.of("flag", key)).build();
    }
}
