package com.example.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

public final class S3Factory {
    public static S3Client create() {
        AwsBasicCredentials creds = AwsBasicCredentials.create("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"); // Noncompliant
        return S3Client.builder().region(Region.EU_WEST_1).credentialsProvider(StaticCredentialsProvider.create(creds)).build();
    }

    public static S3Client fromEnv() {
        return S3Client.builder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create( // Noncompliant
                        System.getenv("AWS_ACCESS_KEY_ID"), System.getenv("AWS_SECRET_ACCESS_KEY"))))
                .build();
    }
}
