package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.UUID;

public class OrderHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger log = LoggerFactory.getLogger(OrderHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SqsClient sqs = SqsClient.create();
    private final String queueUrl = System.getenv("ORDER_QUEUE_URL");
    private final String billingQueueUrl = System.getenv("BILLING_QUEUE_URL");

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LambdaLogger lambdaLogger = context.getLogger();
        lambdaLogger.log("Received event: " + input); // Noncompliant THC002
        log.info("requestId={} path={}", context.getAwsRequestId(), input.getPath());

        Map<String, String> headers = input.getHeaders() == null ? Map.of() : input.getHeaders();
        String authHeader = headers.getOrDefault("Authorization", headers.get("authorization"));
        if (authHeader == null) {
            return json(401, Map.of("message", "Unauthorized"));
        }
        log.debug("Authorization scheme={} length={}", authHeader.split(" ")[0], authHeader.length());

        try {
            Map<?, ?> order = MAPPER.readValue(input.getBody(), Map.class);
            String orderId = UUID.randomUUID().toString();

            sqs.sendMessage(SendMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .messageBody(MAPPER.writeValueAsString(Map.of("orderId", orderId, "sku", String.valueOf(order.get("sku")))))
                    .build());

            sqs.sendMessage(SendMessageRequest.builder() // Noncompliant THC009
                    .queueUrl(billingQueueUrl)
                    .messageBody(MAPPER.writeValueAsString(Map.of("orderId", orderId, "authorization", authHeader)))
                    .build());

            return json(201, Map.of("orderId", orderId));
        } catch (JsonProcessingException e) {
            log.warn("Invalid order payload for request {}", context.getAwsRequestId());
            return json(400, Map.of("message", "Invalid order", "requestId", context.getAwsRequestId()));
        } catch (Exception e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            log.error("Order processing failed for request {}", context.getAwsRequestId(), e);
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody(sw.toString()); // Noncompliant THC003
        }
    }

    private static APIGatewayProxyResponseEvent json(int status, Map<String, ?> body) {
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(status)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\"message\":\"Internal error\"}");
        }
    }
}
