package com.example.logistics.tracking;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * API Gateway (REST, Lambda proxy) stream handler that receives tracking events from a parcel
 * carrier, checks the HMAC signature and stores the event history in DynamoDB.
 */
public class TrackingEventsStreamHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TrackingEventsStreamHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET_ID = System.getenv().getOrDefault("CARRIER_HMAC_SECRET_ID", "prod/tracking/carrier-hmac");

    private final SecretsManagerClient secrets = SecretsManagerClient.builder().region(Region.EU_WEST_1).build();
    // Events table is owned by the partner-integration account.
    private final DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.EU_WEST_1).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(System.getenv("EVENTS_KEY_ID"), System.getenv("EVENTS_SECRET_KEY")))).build(); // Noncompliant THC008

    private String hmacSecret;

    private String hmacSecret() {
        if (hmacSecret == null) {
            LOG.info("Fetching carrier HMAC secret {}", SECRET_ID);
            hmacSecret = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(SECRET_ID).build()).secretString();
            LOG.debug("Carrier HMAC secret is {}", hmacSecret); // Noncompliant THC001
        }
        return hmacSecret;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String body = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        context.getLogger().log("raw request: " + body); // Noncompliant THC002

        ObjectNode response = MAPPER.createObjectNode();
        try {
            JsonNode request = MAPPER.readTree(body);
            String payload = request.path("body").asText();
            String signature = request.path("headers").path("X-Carrier-Signature").asText();
            if (!SignatureCheck.matches(hmacSecret(), payload, signature)) {
                LOG.warn("Signature mismatch, signature length {}", signature.length());
                write(output, response.put("statusCode", 401).put("body", "{\"message\":\"bad signature\"}"));
                return;
            }

            JsonNode event = MAPPER.readTree(payload);
            String trackingNumber = event.path("trackingNumber").asText();
            dynamo.putItem(PutItemRequest.builder()
                    .tableName("tracking-events")
                    .item(java.util.Map.of(
                            "trackingNumber", AttributeValue.fromS(trackingNumber),
                            "eventTime", AttributeValue.fromS(event.path("eventTime").asText(Instant.now().toString())),
                            "status", AttributeValue.fromS(event.path("status").asText("UNKNOWN"))))
                    .build());
            LOG.info("Stored tracking event for {} ({})", trackingNumber, event.path("status").asText());
            write(output, response.put("statusCode", 200).put("body", "{\"stored\":true}"));
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            LOG.error("Tracking event failed, request {}", context.getAwsRequestId());
            write(output, response.put("statusCode", 500).put("body", MAPPER.createObjectNode().put("error", e.getMessage()).put("trace", trace.toString()).toString())); // Noncompliant THC003
        }
    }

    private static void write(OutputStream output, ObjectNode response) throws IOException {
        output.write(MAPPER.writeValueAsBytes(response));
        output.flush();
    }

    static final class SignatureCheck {
        private SignatureCheck() {
        }

        static boolean matches(String secret, String payload, String signature) throws Exception {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = java.util.HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
            return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
        }
    }
}
