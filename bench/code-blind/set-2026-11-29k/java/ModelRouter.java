package com.acme.ml.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/** Routes completions to Bedrock, a DR region, and finally an external provider. */
public class ModelRouter {
    private static final Logger log = LoggerFactory.getLogger(ModelRouter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PROVIDER_SECRET_ID = "llm-router/external-provider";

    private final BedrockRuntimeClient primary;
    private final BedrockRuntimeClient drRegion;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String externalApiKey;

    public ModelRouter(SecretsManagerClient secrets) {
        this.primary = BedrockRuntimeClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(DefaultCredentialsProvider.create())
                .build();
        AwsBasicCredentials drCreds = AwsBasicCredentials.create("AKIAZ7FAKEDRQUTE4BQX", "FAKEdrRegionSecretKey00000000000000000000"); // Noncompliant THC008
        this.drRegion = BedrockRuntimeClient.builder()
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(drCreds))
                .build();
        this.externalApiKey = secrets.getSecretValue(
                GetSecretValueRequest.builder().secretId(PROVIDER_SECRET_ID).build()).secretString();
        log.info("loaded external provider key from {} ({} chars)", PROVIDER_SECRET_ID, externalApiKey.length());
    }

    public String complete(String modelId, String prompt) throws IOException, InterruptedException {
        try {
            return invoke(primary, modelId, prompt);
        } catch (ThrottlingException primaryThrottled) {
            log.warn("primary region throttled for {}, trying DR region", modelId);
            try {
                return invoke(drRegion, modelId, prompt);
            } catch (ThrottlingException drThrottled) {
                log.warn("DR region throttled for {}, using external provider", modelId);
                return callExternal(prompt);
            }
        }
    }

    private String invoke(BedrockRuntimeClient client, String modelId, String prompt) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("anthropic_version", "bedrock-2023-05-31");
        body.put("max_tokens", 1024);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        var response = client.invokeModel(InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .body(SdkBytes.fromUtf8String(body.toString()))
                .build());
        return MAPPER.readTree(response.body().asUtf8String()).at("/content/0/text").asText();
    }

    private String callExternal(String prompt) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://llm.partner-provider.test/v1/generate?api_key=" + externalApiKey)) // Noncompliant THC009
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.createObjectNode().put("prompt", prompt).toString()))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (resp.statusCode() != 200) {
            log.warn("external provider status {} (key ...{})", resp.statusCode(),
                    externalApiKey.substring(externalApiKey.length() - 4));
            throw new IOException("external provider failed: " + resp.statusCode());
        }
        return MAPPER.readTree(resp.body()).path("text").asText();
    }
}
