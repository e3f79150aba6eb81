package com.example.jobs;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.secretsmanager.AWSSecretsManager;
import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;
import com.amazonaws.services.secretsmanager.model.GetSecretValueRequest;
import com.amazonaws.services.secretsmanager.model.PutSecretValueRequest;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs every 30 minutes (EventBridge rate rule): refreshes the catalog partner's OAuth token. */
public class PartnerTokenRefreshJob implements RequestHandler<ScheduledEvent, String> {

    private static final Logger LOG = LogManager.getLogger(PartnerTokenRefreshJob.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BasicAWSCredentials SYNC_QUEUE_KEYS = new BasicAWSCredentials("AKIAZ7FAKEQ2XW4RTY5M", "FAKE9s8d7f6g5h4j3k2l1FAKEsecretKey000"); // Noncompliant THC008

    private final AWSSecretsManager secrets = AWSSecretsManagerClientBuilder.defaultClient();
    private final AmazonSQS sqs = AmazonSQSClientBuilder.standard()
            .withRegion(Regions.US_EAST_1)
            .withCredentials(new AWSStaticCredentialsProvider(SYNC_QUEUE_KEYS))
            .build();
    private final HttpClient http = HttpClient.newHttpClient();

    private final String secretId = System.getenv("PARTNER_OAUTH_SECRET_ID");
    private final String queueUrl = System.getenv("SYNC_QUEUE_URL");
    private final String tokenUrl = System.getenv().getOrDefault("PARTNER_TOKEN_URL", "https://auth.partner.example/oauth/token");
    private final String catalogUrl = System.getenv().getOrDefault("PARTNER_CATALOG_URL", "https://api.partner.example/v3/catalog");

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        try {
            JsonNode stored = MAPPER.readTree(secrets.getSecretValue(new GetSecretValueRequest().withSecretId(secretId)).getSecretString());
            String refreshToken = stored.path("refresh_token").asText();

            HttpRequest tokenRequest = HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken))
                    .build();
            JsonNode tokens = MAPPER.readTree(http.send(tokenRequest, HttpResponse.BodyHandlers.ofString()).body());
            String accessToken = tokens.path("access_token").asText();
            LOG.info("Partner token refreshed, expires_in={}s", tokens.path("expires_in").asInt());

            Map<String, String> updated = new LinkedHashMap<>();
            updated.put("refresh_token", tokens.path("refresh_token").asText(refreshToken));
            updated.put("access_token", accessToken);
            secrets.putSecretValue(new PutSecretValueRequest().withSecretId(secretId).withSecretString(MAPPER.writeValueAsString(updated)));

            HttpRequest catalogRequest = HttpRequest.newBuilder(URI.create(catalogUrl + "?updated_since=PT1H&access_token=" + accessToken)).GET().build(); // Noncompliant THC009
            HttpResponse<String> catalog = http.send(catalogRequest, HttpResponse.BodyHandlers.ofString());
            LOG.info("Catalog delta fetched: status={} bytes={}", catalog.statusCode(), catalog.body().length());

            Map<String, Object> message = Map.of("type", "CATALOG_DELTA", "catalog", catalog.body(), "partnerToken", accessToken);
            sqs.sendMessage(new SendMessageRequest(queueUrl, MAPPER.writeValueAsString(message))); // Noncompliant THC009
            sqs.sendMessage(new SendMessageRequest(queueUrl, MAPPER.writeValueAsString(Map.of("type", "TOKEN_ROTATED", "secretId", secretId))));
            return "ok";
        } catch (IOException | InterruptedException e) {
            LOG.error("Partner token refresh failed", e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "failed";
        }
    }
}
