package com.acme.analytics.athena;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionContext;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

public class AthenaQueryHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WORKGROUP = System.getenv().getOrDefault("ATHENA_WORKGROUP", "analytics");
    private static final String OUTPUT = System.getenv().getOrDefault("ATHENA_OUTPUT", "s3://acme-athena-results/lambda/");

    private final AthenaClient athena = AthenaClient.create();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("received: " + input); // Noncompliant THC002
        logger.log("requestId=" + context.getAwsRequestId() + " path=" + input.getPath());

        String auth = input.getHeaders() == null ? "" : input.getHeaders().getOrDefault("Authorization", "");
        logger.log("caller authorization: " + auth); // Noncompliant THC001

        try {
            JsonNode claims = claimsOf(auth);
            if (!hasGroup(claims, "athena-analysts")) {
                return respond(403, "{\"error\":\"forbidden\"}");
            }
            JsonNode body = MAPPER.readTree(input.getBody());
            String id = athena.startQueryExecution(StartQueryExecutionRequest.builder()
                    .queryString(body.path("sql").asText())
                    .workGroup(WORKGROUP)
                    .queryExecutionContext(QueryExecutionContext.builder().database("curated").build())
                    .resultConfiguration(ResultConfiguration.builder().outputLocation(OUTPUT).build())
                    .build()).queryExecutionId();
            logger.log("query " + id + " started by " + claims.path("sub").asText());
            return respond(202, "{\"queryExecutionId\":\"" + id + "\"}");
        } catch (Exception e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            logger.log("query failed: " + e.getClass().getSimpleName());
            return respond(500, "{\"error\":\"query failed\",\"trace\":\"" + escape(sw.toString()) + "\"}"); // Noncompliant THC003
        }
    }

    private static JsonNode claimsOf(String authorization) throws IOException {
        String token = authorization.replaceFirst("^Bearer ", "");
        byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]); // Noncompliant THC005
        return MAPPER.readTree(payload);
    }

    private static boolean hasGroup(JsonNode claims, String group) {
        for (JsonNode g : claims.path("cognito:groups")) {
            if (group.equals(g.asText())) {
                return true;
            }
        }
        return false;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static APIGatewayProxyResponseEvent respond(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }
}
