package org.example.claims.export;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Clients of the claims export job: static keys inside builder chains are reported where the declaration starts. */
public class ClaimsExportClients {

    private final AmazonS3 archive = AmazonS3ClientBuilder.standard() // Noncompliant
            .withRegion(Regions.EU_WEST_2)
            .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAZ7FAKEQ3MX7RT2WB", "FAKEclaimsArchiveSecret000FAKE0000000000")))
            .build();

    private static final SqsClient HANDOFF = SqsClient.builder() // Noncompliant
            .region(Region.EU_WEST_2)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(System.getenv("HANDOFF_KEY_ID"), System.getenv("HANDOFF_SECRET_KEY"))))
            .build();

    SqsClient replayQueue() {
        SqsClient replay = SqsClient.builder() // Noncompliant
                .region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAZ7FAKEV5LN2QD7KC", "FAKEreplayQueueSecret0000FAKE00000000000")))
                .build();
        return replay;
    }
}
