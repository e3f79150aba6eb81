package com.acme.etl.config;

import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

public final class CredentialsConfig {

    private static final Logger LOG = LogManager.getLogger(CredentialsConfig.class);

    public static S3Client defaultS3() {
        return S3Client.builder().region(Region.EU_WEST_1).credentialsProvider(DefaultCredentialsProvider.create()).build();
    }

    public static S3Client legacyS3() {
        AwsBasicCredentials basic = AwsBasicCredentials.create("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"); // Noncompliant THC008
        return S3Client.builder().region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(basic)).build();
    }

    public static String warehousePassword(SecretsManagerClient secrets) {
        GetSecretValueResponse resp = secrets.getSecretValue(r -> r.secretId("etl/warehouse"));
        LOG.info("warehouse secret {} loaded, version {}", resp.name(), resp.versionId());
        String secret = resp.secretString();
        LOG.debug("warehouse secret value {}", secret); // Noncompliant THC001
        return secret;
    }

    public static void startLoad(StsClient sts, SfnClient sfn, String roleArn, String stateMachineArn) {
        AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("etl-load"));
        Credentials c = assumed.credentials();
        LOG.info("assumed role {} until {}", roleArn, c.expiration());
        String input = String.format("{\"accessKeyId\":\"%s\",\"secretAccessKey\":\"%s\",\"sessionToken\":\"%s\"}",
                c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).input(input).build()); // Noncompliant THC009
    }

    public static void startCleanup(SfnClient sfn, String stateMachineArn, String batchId) {
        sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).input("{\"batchId\":\"" + batchId + "\"}").build());
    }

    public static Map<String, String> describe() {
        return Map.of("region", Region.EU_WEST_1.id(), "provider", "default-chain");
    }
}
