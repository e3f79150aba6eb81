package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

public class OrderHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger log = LoggerFactory.getLogger(OrderHandler.class);
    private static final String TABLE = System.getenv().getOrDefault("ORDERS_TABLE", "orders");
    private static final String VIEWED_QUEUE = System.getenv("ORDER_VIEWED_QUEUE_URL");

    private final DynamoDbClient dynamo;
    private final SqsClient sqs = SqsClient.create();

    public OrderHandler() {
        String keyId = System.getenv("ORDERS_TABLE_ACCESS_KEY_ID");
        String secret = System.getenv("ORDERS_TABLE_SECRET_ACCESS_KEY");
        this.dynamo = DynamoDbClient.builder().region(Region.EU_WEST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret))).build(); // Noncompliant THC008
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        log.info("Received event: {}", event); // Noncompliant THC002
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        String authHeader = headers.getOrDefault("Authorization", headers.get("authorization"));
        if (authHeader == null) {
            return respond(401, "{\"message\":\"Unauthorized\"}");
        }
        log.debug("Authorization: {}", authHeader); // Noncompliant THC001

        String orderId = event.getPathParameters() == null ? null : event.getPathParameters().get("orderId");
        if (orderId == null) {
            return respond(400, "{\"message\":\"orderId is required\"}");
        }
        log.info("Fetching order {} (requestId={})", orderId, context.getAwsRequestId());

        try {
            GetItemResponse item = dynamo.getItem(GetItemRequest.builder().tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(orderId))).build());
            if (!item.hasItem() || item.item().isEmpty()) {
                return respond(404, "{\"message\":\"Order not found\"}");
            }
            sqs.sendMessage(SendMessageRequest.builder().queueUrl(VIEWED_QUEUE).messageBody("{\"orderId\":\"" + orderId + "\"}").build());
            return respond(200, "{\"orderId\":\"" + orderId + "\",\"status\":\"" + item.item().get("status").s() + "\"}");
        } catch (DynamoDbException e) {
            log.error("DynamoDB error for order {}", orderId, e);
            return respond(503, "{\"message\":\"Temporarily unavailable\"}");
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return respond(500, "{\"error\":\"" + e.getMessage() + "\",\"orderId\":\"" + orderId + "\",\"trace\":\"" + trace.toString().replace("\n", "\\n") + "\"}"); // Noncompliant THC003
        }
    }

    private static APIGatewayProxyResponseEvent respond(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }
}
