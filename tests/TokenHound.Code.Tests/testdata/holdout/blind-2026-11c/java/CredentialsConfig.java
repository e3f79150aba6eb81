package com.example.reports.aws;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

public final class CredentialsConfig {

    private static final Logger LOG = LogManager.getLogger(CredentialsConfig.class);

    private CredentialsConfig() {
    }

    static S3Client defaultS3() {
        return S3Client.builder().region(Region.EU_WEST_1).credentialsProvider(DefaultCredentialsProvider.create()).build();
    }

    // The archive account predates our role federation; see ticket ARCH-77.
    static S3Client legacyArchiveS3() {
        AwsBasicCredentials basic = AwsBasicCredentials.create("AKIAZ7FAKEKEY2345X7Q", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123"); // Noncompliant THC008
        return S3Client.builder().region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(basic)).build();
    }

    static Credentials assume(StsClient sts, String roleArn, String tenant) {
        if (roleArn == null || !roleArn.startsWith("arn:aws:iam::")) {
            throw new IllegalArgumentException("invalid role arn: " + roleArn);
        }
        AssumeRoleResponse resp = sts.assumeRole(AssumeRoleRequest.builder().roleArn(roleArn).roleSessionName("tenant-" + tenant).durationSeconds(900).build());
        Credentials creds = resp.credentials();
        LOG.info("assumed {} until {}", resp.assumedRoleUser().arn(), creds.expiration());
        LOG.debug(String.format("tenant %s session token %s", tenant, creds.sessionToken())); // Noncompliant THC001
        return creds;
    }

    static String startPipeline(SfnClient sfn, String stateMachineArn, String tenant, Credentials creds) {
        String input = String.format("{\"tenant\":\"%s\",\"accessKeyId\":\"%s\",\"secretAccessKey\":\"%s\",\"sessionToken\":\"%s\"}",
                tenant, creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken());
        return sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).input(input).build()).executionArn(); // Noncompliant THC009
    }

    static String startPipelineByRole(SfnClient sfn, String stateMachineArn, String tenant, String roleArn) {
        String input = String.format("{\"tenant\":\"%s\",\"roleArn\":\"%s\"}", tenant, roleArn);
        String executionArn = sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).input(input).build()).executionArn();
        LOG.info("pipeline {} started for tenant {}", executionArn, tenant);
        return executionArn;
    }
}
