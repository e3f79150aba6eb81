package com.example.reports;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

public class ReportExporter implements RequestHandler<ScheduledEvent, String> {

    private static final String PARTNER_KEY_ID = "AKIAZ7FAKEABCD2345EF";
    private static final String PARTNER_SECRET = "FAKEsecretFAKEsecretFAKEsecretFAKEsecret";

    private final S3Client s3 = S3Client.builder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(DefaultCredentialsProvider.create())
            .build();

    private final S3Client partnerS3 = S3Client.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(PARTNER_KEY_ID, PARTNER_SECRET))) // Noncompliant THC008
            .build();

    private final AmazonS3 archiveV1 = AmazonS3ClientBuilder.standard()
            .withRegion("eu-west-1")
            .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(System.getenv("ARCHIVE_KEY_ID"), System.getenv("ARCHIVE_SECRET")))) // Noncompliant THC008
            .build();

    private final SecretsManagerClient secrets = SecretsManagerClient.create();
    private final LambdaClient lambda = LambdaClient.create();

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        String secretId = System.getenv("REPORT_DB_SECRET");
        String dbSecret = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
        System.out.println("Loaded report DB secret " + secretId + " for run " + context.getAwsRequestId());
        System.out.println("DB credentials: " + dbSecret); // Noncompliant THC001

        String report = ReportQueries.dailyRevenueCsv(dbSecret);
        String key = String.format("reports/%s.csv", event.getTime().toString("yyyy-MM-dd"));
        String bucket = System.getenv("REPORT_BUCKET");

        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromString(report));
        partnerS3.putObject(PutObjectRequest.builder().bucket("partner-inbound").key(key).build(), RequestBody.fromString(report));
        archiveV1.putObject("reports-archive", key, report);

        lambda.invoke(InvokeRequest.builder() // Noncompliant THC009
                .functionName(System.getenv("NOTIFIER_FN"))
                .payload(SdkBytes.fromUtf8String(String.format("{\"key\":\"%s\",\"db\":%s}", key, dbSecret)))
                .build());

        lambda.invoke(InvokeRequest.builder()
                .functionName(System.getenv("INDEXER_FN"))
                .payload(SdkBytes.fromUtf8String("{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\"}"))
                .build());

        context.getLogger().log("Report " + key + " exported (" + report.length() + " bytes)");
        return key;
    }
}
