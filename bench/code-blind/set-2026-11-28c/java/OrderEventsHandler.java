package com.example.orders;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

public class OrderEventsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AmazonSQS sqs = AmazonSQSClientBuilder.defaultClient();
    private final AmazonS3 exports;
    private final String queueUrl = System.getenv("FULFILMENT_QUEUE_URL");

    public OrderEventsHandler() {
        AWSCredentials legacy = new BasicAWSCredentials(System.getenv("EXPORT_ACCESS_KEY"), System.getenv("EXPORT_SECRET_KEY")); // Noncompliant THC008
        this.exports = AmazonS3ClientBuilder.standard()
                .withRegion("eu-west-1")
                .withCredentials(new AWSStaticCredentialsProvider(legacy))
                .build();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        LambdaLogger logger = context.getLogger();
        String requestId = event.getRequestContext() != null
                ? event.getRequestContext().getRequestId()
                : context.getAwsRequestId();
        try {
            logger.log("Received order event: " + MAPPER.writeValueAsString(event)); // Noncompliant THC002
            logger.log("Processing order request " + requestId);

            JsonNode body = MAPPER.readTree(event.getBody());
            String orderId = body.path("orderId").asText();
            if (orderId.isEmpty()) {
                throw new IllegalArgumentException("orderId missing");
            }
            String callerToken = event.getHeaders().getOrDefault("Authorization", "").replace("Bearer ", "");

            sqs.sendMessage(queueUrl, MAPPER.writeValueAsString(Map.of("orderId", orderId, "requestId", requestId)));
            sqs.sendMessage(System.getenv("PARTNER_QUEUE_URL"), MAPPER.writeValueAsString(Map.of("orderId", orderId, "callerToken", callerToken))); // Noncompliant THC009
            exports.putObject(System.getenv("EXPORT_BUCKET"), "orders/" + orderId + ".json", event.getBody());

            return respond(202, Map.of("orderId", orderId));
        } catch (IllegalArgumentException e) {
            String correlationId = UUID.randomUUID().toString();
            logger.log("Validation failed " + correlationId + ": " + e.getMessage());
            return respond(400, Map.of("error", "invalid request", "correlationId", correlationId));
        } catch (Exception e) {
            return respond(500, Map.of("error", String.valueOf(e.getMessage()), "trace", Arrays.toString(e.getStackTrace()))); // Noncompliant THC003
        }
    }

    private APIGatewayProxyResponseEvent respond(int status, Map<String, String> body) {
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(MAPPER.writeValueAsString(body));
        } catch (Exception e) {
            return new APIGatewayProxyResponseEvent().withStatusCode(500);
        }
    }
}
