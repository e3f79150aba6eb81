package com.example.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

public class IngestTokenHandler implements RequestStreamHandler {

    private static final Logger LOG = LogManager.getLogger(IngestTokenHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SecretsManagerClient secrets = SecretsManagerClient.builder().region(Region.EU_WEST_1).build();
    private final SqsClient sqs = SqsClient.builder() // Noncompliant THC008
            .region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIAZ7FAKEH6JD3KQ2VN", "u8FAKEw0rDs3cr3tAcc3ssK3yForBenchFAKE99")))
            .build();
    private final String queueUrl = System.getenv("INGEST_QUEUE_URL");
    private final String webhookSecretId = System.getenv("WEBHOOK_SECRET_ID");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = MAPPER.readTree(input);
        LOG.info("ingest request {} path={}", context.getAwsRequestId(), event.path("rawPath").asText());
        String authHeader = event.path("headers").path("authorization").asText("");
        String token = authHeader.startsWith("Bearer ") ? authHeader.substring(7) : authHeader;

        String withoutSignature = token.substring(0, token.lastIndexOf('.') + 1);
        Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(withoutSignature).getPayload(); // Noncompliant THC005
        String tenant = claims.get("tenant", String.class);
        String scope = claims.get("scope", String.class);
        if (tenant == null || scope == null || !scope.contains("ingest:write")) {
            writeResponse(output, 403, "{\"message\":\"forbidden\"}");
            return;
        }
        LOG.info("accepted ingest for tenant={} sub={}", tenant, claims.getSubject());

        String webhookSecret = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(webhookSecretId).build()).secretString();
        LOG.debug("Loaded webhook secret {} = {}", webhookSecretId, webhookSecret); // Noncompliant THC001

        String body = event.path("body").asText();
        ObjectNode message = MAPPER.createObjectNode();
        message.put("tenant", tenant);
        message.put("subject", claims.getSubject());
        message.put("body", body);
        message.put("signature", hmac(webhookSecret, body));
        message.put("callerToken", token);
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(message.toString()).build()); // Noncompliant THC009

        writeResponse(output, 202, "{\"status\":\"queued\"}");
    }

    private static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign payload", e);
        }
    }

    private static void writeResponse(OutputStream output, int status, String body) throws IOException {
        ObjectNode response = MAPPER.createObjectNode();
        response.put("statusCode", status);
        response.put("body", body);
        output.write(MAPPER.writeValueAsBytes(response));
    }
}
