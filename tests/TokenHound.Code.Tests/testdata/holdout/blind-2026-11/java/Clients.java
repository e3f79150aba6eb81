package com.example.reports;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

public class Clients {
    public static S3Client legacy() {
        AwsBasicCredentials creds = AwsBasicCredentials.create("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"); // Noncompliant THC008
        return S3Client.builder().region(Region.EU_WEST_1).credentialsProvider(StaticCredentialsProvider.create(creds)).build();
    }

    public static S3Client partner() {
        String id = System.getenv("PARTNER_ACCESS_KEY_ID");
        String secret = System.getenv("PARTNER_SECRET_ACCESS_KEY");
        return S3Client.builder().credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret))).build(); // Noncompliant THC008
    }

    public static S3Client crossAccount(String roleArn) {
        try (StsClient sts = StsClient.create()) {
            Credentials c = sts.assumeRole(AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName("reports").build()).credentials();
            AwsSessionCredentials session = AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
            return S3Client.builder().credentialsProvider(StaticCredentialsProvider.create(session)).build();
        }
    }

    public static void enqueue(SqsClient sqs, String queueUrl, String userId, String bearerToken) {
        String body = "{\"userId\":\"" + userId + "\",\"token\":\"" + bearerToken + "\"}";
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body).build()); // Noncompliant THC009
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody("{\"userId\":\"" + userId + "\"}").build());
    }
}
