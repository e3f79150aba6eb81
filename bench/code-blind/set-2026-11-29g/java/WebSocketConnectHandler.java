package com.example.realtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.util.Map;

/** $connect / $disconnect handler for the dispatch-board WebSocket API. */
public class WebSocketConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final Logger log = LoggerFactory.getLogger(WebSocketConnectHandler.class);
    private static final String TABLE = System.getenv().getOrDefault("CONNECTIONS_TABLE", "ws-connections");

    private final DynamoDbClient dynamo;

    public WebSocketConnectHandler() {
        AwsBasicCredentials creds = AwsBasicCredentials.create(System.getenv("CONNECTIONS_ACCESS_KEY"), System.getenv("CONNECTIONS_SECRET_KEY")); // Noncompliant THC008
        this.dynamo = DynamoDbClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(creds))
                .build();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String connectionId = event.getRequestContext().getConnectionId();
        String routeKey = event.getRequestContext().getRouteKey();
        log.info("route={} connectionId={} requestId={}", routeKey, connectionId, context.getAwsRequestId());

        if (!"$connect".equals(routeKey)) {
            return respond(200, "ok");
        }

        Map<String, String> query = event.getQueryStringParameters();
        String token = query == null ? null : query.get("access_token");
        if (token == null || token.isBlank()) {
            return respond(401, "Unauthorized");
        }

        try {
            DecodedJWT jwt = JWT.decode(token); // Noncompliant THC005
            String tenant = jwt.getClaim("tenant_id").asString();
            String scope = jwt.getClaim("scope").asString();
            if (tenant == null || scope == null || !scope.contains("dispatch:read")) {
                log.warn("rejecting {} token={}", connectionId, token); // Noncompliant THC001
                return respond(403, "Forbidden");
            }
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(TABLE)
                    .item(Map.of(
                            "connectionId", AttributeValue.builder().s(connectionId).build(),
                            "tenantId", AttributeValue.builder().s(tenant).build(),
                            "sub", AttributeValue.builder().s(jwt.getSubject()).build()))
                    .build());
            log.info("connected {} tenant={} sub={}", connectionId, tenant, jwt.getSubject());
            return respond(200, "Connected");
        } catch (JWTDecodeException e) {
            log.warn("malformed token on {}: {}", connectionId, e.getMessage());
            return respond(400, "Bad token");
        }
    }

    private static APIGatewayV2WebSocketResponse respond(int status, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        response.setBody(body);
        return response;
    }
}
