package com.example.integrations.github;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

public class GithubDeployWebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LogManager.getLogger(GithubDeployWebhookHandler.class);
    private static final Gson GSON = new Gson();

    private final SecretsManagerClient secrets = SecretsManagerClient.create();
    private final SfnClient sfn = SfnClient.builder() // Noncompliant THC008
            .region(Region.of(System.getenv("AWS_REGION")))
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(System.getenv("PIPELINE_ACCESS_KEY_ID"), System.getenv("PIPELINE_SECRET_ACCESS_KEY"))))
            .build();
    private final String stateMachineArn = System.getenv("DEPLOY_STATE_MACHINE_ARN");
    private String webhookSecret;
    private String deployToken;

    private void loadSecrets() {
        if (webhookSecret != null) {
            return;
        }
        String json = secrets.getSecretValue(GetSecretValueRequest.builder().secretId("ci/github-app").build()).secretString();
        JsonObject obj = GSON.fromJson(json, JsonObject.class);
        webhookSecret = obj.get("webhookSecret").getAsString();
        deployToken = obj.get("deployToken").getAsString();
        LOG.debug("Loaded GitHub app secrets: webhookSecret={}, deployToken={}", webhookSecret, deployToken); // Noncompliant THC001
    }

    private static boolean signatureMatches(String secret, String body, String header) throws Exception {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        byte[] provided = HexFormat.of().parseHex(header.substring(7));
        return MessageDigest.isEqual(expected, provided);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LOG.info("Webhook received: {}", GSON.toJson(input)); // Noncompliant THC002
        APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent();
        try {
            loadSecrets();
            Map<String, String> headers = input.getHeaders();
            if (!signatureMatches(webhookSecret, input.getBody(), headers.get("x-hub-signature-256"))) {
                LOG.warn("Rejected delivery {} with bad signature", headers.get("x-github-delivery"));
                return response.withStatusCode(401).withBody("{\"error\":\"bad signature\"}");
            }
            JsonObject payload = GSON.fromJson(input.getBody(), JsonObject.class);
            if (!"refs/heads/main".equals(payload.get("ref").getAsString())) {
                return response.withStatusCode(204);
            }
            String repo = payload.getAsJsonObject("repository").get("full_name").getAsString();
            String sha = payload.get("after").getAsString();
            Map<String, String> execInput = Map.of("repo", repo, "sha", sha, "githubToken", deployToken);
            sfn.startExecution(StartExecutionRequest.builder() // Noncompliant THC009
                    .stateMachineArn(stateMachineArn)
                    .name("deploy-" + sha.substring(0, 12))
                    .input(GSON.toJson(execInput))
                    .build());
            LOG.info("Started deploy for {}@{} (request {})", repo, sha, context.getAwsRequestId());
            return response.withStatusCode(202);
        } catch (Exception e) {
            LOG.error("Webhook processing failed", e);
            return response.withStatusCode(500).withBody("{\"error\":\"internal error\"}");
        }
    }
}
