package com.acme.connect.archive;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.STSAssumeRoleSessionCredentialsProvider;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.util.Map;

/** Builds the archive connector's S3 client from the connector settings (Kafka Connect style dotted keys). */
final class ConnectorS3Credentials {

    private ConnectorS3Credentials() {
    }

    static AmazonS3 archiveClient(Map<String, String> settings) {
        String region = settings.getOrDefault("s3.region", "eu-west-1");
        if (settings.containsKey("aws.role.arn")) {
            return AmazonS3ClientBuilder.standard()
                    .withRegion(region)
                    .withCredentials(new STSAssumeRoleSessionCredentialsProvider.Builder(
                            settings.get("aws.role.arn"), "archive-connector").build())
                    .build();
        }
        String keyId = settings.get("aws.access.key.id");
        String secret = settings.get("aws.secret.access.key");
        BasicAWSCredentials keys = new BasicAWSCredentials(keyId, secret); // Noncompliant
        return AmazonS3ClientBuilder.standard()
                .withRegion(region)
                .withCredentials(new AWSStaticCredentialsProvider(keys))
                .build();
    }
}
