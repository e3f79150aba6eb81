package com.example.platform.reports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.quartz.*;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

@DisallowConcurrentExecution
public class NightlyReportJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(NightlyReportJob.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final SecretsManagerClient secrets = SecretsManagerClient.builder()
            .credentialsProvider(DefaultCredentialsProvider.create())
            .build();
    private final SqsClient sqs = SqsClient.create();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void execute(JobExecutionContext ctx) throws JobExecutionException {
        JobDataMap data = ctx.getMergedJobDataMap();
        String reportId = data.getString("reportId");
        log.info("Starting {} fireId={} report={}", ctx.getJobDetail().getKey(), ctx.getFireInstanceId(), reportId);
        try {
            GetSecretValueResponse secret = secrets.getSecretValue(
                    GetSecretValueRequest.builder().secretId(data.getString("warehouseSecretId")).build());
            log.info("Using warehouse secret {} version {}", secret.arn(), secret.versionId());
            Map<String, Object> wh = JSON.readValue(secret.secretString(), MAP);

            String token = fetchWarehouseToken(wh);
            byte[] report = exportReport((String) wh.get("baseUrl"), token, reportId);
            String key = archive(report, reportId);

            String body = JSON.writeValueAsString(Map.of("reportId", reportId, "s3Key", key, "warehouseToken", token));
            sqs.sendMessage(SendMessageRequest.builder() // Noncompliant THC009
                    .queueUrl(data.getString("notifyQueueUrl"))
                    .messageBody(body)
                    .build());
        } catch (Exception e) {
            log.error("Report job {} failed: {}", reportId, e.getClass().getSimpleName());
            throw new JobExecutionException(e, false);
        }
    }

    private String fetchWarehouseToken(Map<String, Object> wh) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode((String) wh.get("clientId"), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode((String) wh.get("clientSecret"), StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create((String) wh.get("tokenUrl")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        Map<String, Object> tokenBody = JSON.readValue(resp.body(), MAP);
        String accessToken = (String) tokenBody.get("access_token");
        log.debug("Warehouse token acquired: {}", accessToken); // Noncompliant THC001
        log.info("Warehouse token expires in {}s", tokenBody.get("expires_in"));
        return accessToken;
    }

    private byte[] exportReport(String baseUrl, String token, String reportId) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/exports/" + reportId))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5))
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    private String archive(byte[] report, String reportId) {
        AwsBasicCredentials archiveCreds = AwsBasicCredentials.create("AKIAZ7FAKEW2X3Y4Z5A6", "Lp0FAKEarchiveBucketSecretAccessKey00000"); // Noncompliant THC008
        String key = "reports/" + LocalDate.now() + "/" + reportId + ".csv";
        try (S3Client s3 = S3Client.builder().region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(archiveCreds)).build()) {
            s3.putObject(PutObjectRequest.builder().bucket("corp-report-archive").key(key).build(), RequestBody.fromBytes(report));
        }
        return key;
    }
}
