package com.arena.leaderboard;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** API Gateway REST -> Lambda: submit scores and (ops only) reset a season board. */
public class LeaderboardHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TABLE = System.getenv().getOrDefault("SCORES_TABLE", "arena-scores");
    private static final JWTVerifier VERIFIER = JWT.require(Algorithm.HMAC256(System.getenv("LEADERBOARD_JWT_SECRET")))
            .withIssuer("arena-auth")
            .withAudience("leaderboard")
            .build();

    private final DynamoDbClient dynamo = DynamoDbClient.builder() // Noncompliant THC008
            .region(Region.EU_CENTRAL_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(System.getenv("LB_ACCESS_KEY_ID"), System.getenv("LB_SECRET_ACCESS_KEY"))))
            .build();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("leaderboard request headers: " + input.getHeaders()); // Noncompliant THC002
        String auth = Optional.ofNullable(input.getHeaders()).map(h -> h.get("Authorization")).orElse("");
        String token = auth.replaceFirst("^Bearer ", "");
        try {
            switch (input.getHttpMethod()) {
                case "POST":
                    return submit(token, input.getBody(), logger);
                case "DELETE":
                    return resetBoard(token, input.getPathParameters().get("board"), logger);
                default:
                    return respond(405, "{\"error\":\"method not allowed\"}");
            }
        } catch (JWTVerificationException e) {
            return respond(401, "{\"error\":\"unauthorized\",\"requestId\":\"" + context.getAwsRequestId() + "\"}");
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return respond(500, "{\"error\":\"" + e.getMessage() + "\",\"trace\":\"" + trace + "\"}"); // Noncompliant THC003
        }
    }

    private APIGatewayProxyResponseEvent submit(String token, String body, LambdaLogger logger) {
        DecodedJWT verified = VERIFIER.verify(token);
        String playerId = verified.getSubject();
        JsonNode json;
        try {
            json = MAPPER.readTree(body == null ? "{}" : body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String board = json.path("board").asText("weekly");
        long score = json.path("score").asLong(-1);
        if (score < 0) {
            return respond(400, "{\"error\":\"score must be non-negative\"}");
        }
        dynamo.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(Map.of(
                        "board", AttributeValue.builder().s(board).build(),
                        "playerId", AttributeValue.builder().s(playerId).build(),
                        "score", AttributeValue.builder().n(Long.toString(score)).build(),
                        "at", AttributeValue.builder().s(Instant.now().toString()).build()))
                .build());
        logger.log("score " + score + " recorded on " + board + " for player " + playerId);
        return respond(201, "{\"board\":\"" + board + "\",\"score\":" + score + "}");
    }

    private APIGatewayProxyResponseEvent resetBoard(String token, String board, LambdaLogger logger) {
        DecodedJWT claims = JWT.decode(token); // Noncompliant THC005
        if (!"ops".equals(claims.getClaim("role").asString())) {
            return respond(403, "{\"error\":\"forbidden\"}");
        }
        dynamo.updateItem(UpdateItemRequest.builder()
                .tableName(TABLE + "-meta")
                .key(Map.of("board", AttributeValue.builder().s(board).build()))
                .updateExpression("SET resetAt = :now")
                .expressionAttributeValues(Map.of(":now", AttributeValue.builder().s(Instant.now().toString()).build()))
                .build());
        logger.log("board " + board + " reset by " + claims.getSubject());
        return respond(204, "");
    }

    private static APIGatewayProxyResponseEvent respond(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }
}
