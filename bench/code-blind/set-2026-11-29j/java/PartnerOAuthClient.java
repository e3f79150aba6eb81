package com.acme.integrations.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

public class PartnerOAuthClient {

    public record PartnerSettings(String tokenUrl, String apiBase, String clientId, String clientSecret,
                                  String redirectUri, String syncQueueUrl, String connectionsTable) {}

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final PartnerSettings settings;
    private final SqsClient sqs;
    private final DynamoDbClient connections;

    public PartnerOAuthClient(PartnerSettings settings) {
        this.settings = settings;
        this.sqs = SqsClient.builder().region(Region.EU_WEST_1).credentialsProvider(DefaultCredentialsProvider.create()).build();
        AwsBasicCredentials connectionsCreds = AwsBasicCredentials.create("AKIAZ7FAKEP7GD3QE5LU", "FAKEpartnerConnSecret7Hq2Vx9Ln4Wt6Ry3Zs"); // Noncompliant THC008
        this.connections = DynamoDbClient.builder()
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(connectionsCreds))
                .build();
    }

    public JsonNode exchangeCode(String tenantId, String code) throws IOException, InterruptedException {
        String form = Map.of(
                        "grant_type", "authorization_code",
                        "code", code,
                        "redirect_uri", settings.redirectUri(),
                        "client_id", settings.clientId(),
                        "client_secret", settings.clientSecret())
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(URI.create(settings.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode tokenResponse = mapper.readTree(resp.body());
        System.out.println("Partner token response for tenant " + tenantId + ": " + tokenResponse); // Noncompliant THC001
        System.out.println("Partner token for tenant " + tenantId + " expires in " + tokenResponse.path("expires_in").asInt() + "s");
        String connectionId = storeConnection(tenantId, tokenResponse);
        scheduleSync(tenantId, connectionId);
        return tokenResponse;
    }

    public JsonNode listAccounts(String accessToken) throws IOException, InterruptedException {
        URI uri = URI.create(settings.apiBase() + "/v1/accounts?limit=100&access_token=" + accessToken); // Noncompliant THC009
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        return mapper.readTree(resp.body());
    }

    public JsonNode listInvoices(String accessToken) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(settings.apiBase() + "/v1/invoices?limit=100"))
                .header("Authorization", "Bearer " + accessToken)
                .GET()
                .build();
        return mapper.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
    }

    private String storeConnection(String tenantId, JsonNode tokenResponse) {
        String connectionId = tenantId + ":" + Instant.now().toEpochMilli();
        connections.putItem(PutItemRequest.builder()
                .tableName(settings.connectionsTable())
                .item(Map.of(
                        "connectionId", AttributeValue.fromS(connectionId),
                        "tenantId", AttributeValue.fromS(tenantId),
                        "refreshToken", AttributeValue.fromS(tokenResponse.path("refresh_token").asText())))
                .build());
        return connectionId;
    }

    private void scheduleSync(String tenantId, String connectionId) {
        sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(settings.syncQueueUrl())
                .messageBody("{\"tenantId\":\"" + tenantId + "\",\"connectionId\":\"" + connectionId + "\"}")
                .build());
    }
}
