package com.example.reports;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ListObjectsV2Request;
import com.amazonaws.services.s3.model.ListObjectsV2Result;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import com.amazonaws.services.secretsmanager.AWSSecretsManager;
import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;
import com.amazonaws.services.secretsmanager.model.GetSecretValueRequest;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Step Functions task: copies the day's report files to the BI vendor and triggers a dataset refresh. */
public class ReportExportTask implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger logger = LogManager.getLogger(ReportExportTask.class);
    private static final Gson GSON = new Gson();
    private static final String VENDOR_API = "https://api.bi-vendor.example.com";

    private final AmazonS3 vendorS3 = AmazonS3ClientBuilder.standard().withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAZ7FAKEW3PLK6QD2M", "FAKEsEcReT9xVq2Lm8KpR4tYw6ZbN3cHd7FjG0s"))).withRegion("eu-central-1").build(); // Noncompliant THC008
    private final AmazonS3 reportsS3 = AmazonS3ClientBuilder.defaultClient();
    private final AWSSecretsManager secrets = AWSSecretsManagerClientBuilder.defaultClient();
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        logger.info("Task input: " + GSON.toJson(input)); // Noncompliant THC002
        String bucket = (String) input.get("bucket");
        String day = (String) input.get("day");
        String secretId = System.getenv("BI_VENDOR_SECRET_ID");

        List<String> keys = new ArrayList<>();
        ListObjectsV2Request req = new ListObjectsV2Request().withBucketName(bucket).withPrefix("daily/" + day + "/");
        ListObjectsV2Result page;
        do {
            page = reportsS3.listObjectsV2(req);
            for (S3ObjectSummary summary : page.getObjectSummaries()) {
                keys.add(summary.getKey());
            }
            logger.debug("Listed {} objects, next continuation token {}", page.getKeyCount(), page.getNextContinuationToken());
            req.setContinuationToken(page.getNextContinuationToken());
        } while (page.isTruncated());

        String secretJson = secrets.getSecretValue(new GetSecretValueRequest().withSecretId(secretId)).getSecretString();
        JsonObject vendor = GSON.fromJson(secretJson, JsonObject.class);
        String apiKey = vendor.get("apiKey").getAsString();
        logger.info("Loaded vendor secret {}", secretId);
        logger.debug("Vendor API key for account {}: {}", vendor.get("account").getAsString(), apiKey); // Noncompliant THC001

        for (String key : keys) {
            vendorS3.copyObject(bucket, key, "bi-vendor-inbound", key);
        }

        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(VENDOR_API + "/v2/datasets/refresh?dataset=" + day + "&api_key=" + apiKey)) // Noncompliant THC009
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            logger.info("Vendor refresh for {} returned HTTP {}", day, resp.statusCode());
        } catch (Exception e) {
            logger.error("Vendor refresh failed for {}", day, e);
            throw new IllegalStateException("vendor refresh failed for " + day, e);
        }
        return Map.of("day", day, "exported", keys.size(), "secretId", secretId);
    }
}
