package com.acme.devtools.checks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** GitHub App webhook for pull_request events; queues check runs for the build fleet. */
public class GitHubChecksWebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger log = LoggerFactory.getLogger(GitHubChecksWebhookHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SqsClient sqs = SqsClient.create();
    private final SecretsManagerClient secrets = SecretsManagerClient.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String queueUrl = System.getenv("CHECKS_QUEUE_URL");
    private final String webhookSecretId = System.getenv("WEBHOOK_SECRET_ID");
    private final String appJwtSecretId = System.getenv("APP_JWT_SECRET_ID");

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        context.getLogger().log("webhook event: " + input); // Noncompliant THC002
        Map<String, String> headers = input.getHeaders();
        String deliveryId = headers.get("X-GitHub-Delivery");
        try {
            String webhookSecret = secretValue(webhookSecretId);
            if (!signatureMatches(webhookSecret, input.getBody(), headers.get("X-Hub-Signature-256"))) {
                log.warn("rejected delivery {} (bad signature)", deliveryId);
                return respond(401, "{\"message\":\"invalid signature\"}");
            }
            JsonNode payload = MAPPER.readTree(input.getBody());
            String sha = payload.path("pull_request").path("head").path("sha").asText();
            String repo = payload.path("repository").path("full_name").asText();
            long installationId = payload.path("installation").path("id").asLong();
            log.info("delivery {}: pull_request on {} at {}", deliveryId, repo, sha);

            String installationToken = installationToken(installationId);
            log.info("installation token {} issued for {}", installationToken, repo); // Noncompliant THC001
            sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(MAPPER.writeValueAsString(Map.of("repo", repo, "sha", sha, "token", installationToken))).build()); // Noncompliant THC009
            return respond(202, "{\"queued\":true,\"delivery\":\"" + deliveryId + "\"}");
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return respond(500, "{\"error\":\"" + e.getMessage() + "\",\"trace\":\"" + trace + "\"}"); // Noncompliant THC003
        }
    }

    private String secretValue(String secretId) {
        return secrets.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
    }

    private String installationToken(long installationId) throws Exception {
        // the app JWT is re-signed every few minutes by the signer Lambda and stored in Secrets Manager
        String appJwt = secretValue(appJwtSecretId);
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.github.com/app/installations/" + installationId + "/access_tokens"))
                .header("Accept", "application/vnd.github+json")
                .header("Authorization", "Bearer " + appJwt)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("GitHub returned " + response.statusCode());
        }
        return MAPPER.readTree(response.body()).path("token").asText();
    }

    private static boolean signatureMatches(String secret, String body, String header) throws Exception {
        if (header == null || body == null) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8));
    }

    private static APIGatewayProxyResponseEvent respond(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }
}
