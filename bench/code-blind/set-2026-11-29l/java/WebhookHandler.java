package com.acme.payments.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/** PSP webhook endpoint: verifies the signature and moves the order to its new payment state. */
public class WebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final String SECRET_ID = System.getenv("PSP_SIGNING_SECRET_ID");
    private static final String ORDERS_TABLE = System.getenv().getOrDefault("ORDERS_TABLE", "orders");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SecretsManagerClient secrets = SecretsManagerClient.create();
    private final DynamoDbClient orders = DynamoDbClient.builder().region(Region.EU_WEST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(System.getenv("ORDERS_AWS_KEY_ID"), System.getenv("ORDERS_AWS_SECRET")))).build(); // Noncompliant THC008

    private String cachedSecret;

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("Webhook request received: " + input); // Noncompliant THC002
        String requestId = context.getAwsRequestId();
        try {
            String signingSecret = loadSigningSecret(logger);
            logger.log("Verifying webhook with signing secret=" + signingSecret); // Noncompliant THC001
            String signature = header(input, "psp-signature");
            logger.log("Signature header present=" + (signature != null) + " length=" + (signature == null ? 0 : signature.length()));
            if (signature == null || !verify(input.getBody(), signature, signingSecret)) {
                return respond(401, "{\"error\":\"invalid signature\",\"requestId\":\"" + requestId + "\"}");
            }

            JsonNode event = MAPPER.readTree(input.getBody());
            String orderId = event.at("/data/metadata/orderId").asText();
            String status = event.path("type").asText().replace("charge.", "");
            orders.updateItem(UpdateItemRequest.builder()
                    .tableName(ORDERS_TABLE)
                    .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                    .updateExpression("SET paymentStatus = :s, paymentMethodId = :pm")
                    .expressionAttributeValues(Map.of(
                            ":s", AttributeValue.fromS(status),
                            ":pm", AttributeValue.fromS(event.at("/data/payment_method").asText())))
                    .build());
            logger.log("Order " + orderId + " moved to " + status + " (request " + requestId + ")");
            return respond(200, "{\"received\":true}");
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return respond(500, "{\"error\":\"" + e.getMessage() + "\",\"trace\":\"" + trace + "\"}"); // Noncompliant THC003
        }
    }

    private String loadSigningSecret(LambdaLogger logger) throws Exception {
        if (cachedSecret == null) {
            logger.log("Loading PSP signing secret " + SECRET_ID);
            String json = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(SECRET_ID).build()).secretString();
            cachedSecret = MAPPER.readTree(json).path("signingSecret").asText();
        }
        return cachedSecret;
    }

    private static String header(APIGatewayProxyRequestEvent input, String name) {
        if (input.getHeaders() == null) {
            return null;
        }
        return input.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static boolean verify(String body, String signature, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    private static APIGatewayProxyResponseEvent respond(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }
}
