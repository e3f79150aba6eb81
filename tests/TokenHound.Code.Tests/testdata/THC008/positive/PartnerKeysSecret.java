package com.acme.settlement;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.secretsmanager.AWSSecretsManager;
import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;
import com.amazonaws.services.secretsmanager.model.GetSecretValueRequest;
import com.amazonaws.services.securitytoken.AWSSecurityTokenService;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import com.amazonaws.services.securitytoken.model.AssumeRoleRequest;
import com.amazonaws.services.securitytoken.model.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Batch job (SDK v1): reads the partner IAM user's keys from Secrets Manager to reach the partner's bucket. */
public class PartnerKeysSecret {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AWSSecretsManager secrets = AWSSecretsManagerClientBuilder.defaultClient();
    private final AWSSecurityTokenService sts = AWSSecurityTokenServiceClientBuilder.defaultClient();

    AmazonS3 partnerS3() throws Exception {
        String raw = secrets.getSecretValue(new GetSecretValueRequest().withSecretId(System.getenv("PARTNER_KEYS_SECRET_ID"))).getSecretString();
        JsonNode keys = MAPPER.readTree(raw);
        BasicAWSCredentials partner = new BasicAWSCredentials(keys.get("accessKeyId").asText(), keys.get("secretAccessKey").asText()); // Noncompliant
        return AmazonS3ClientBuilder.standard().withRegion("eu-west-1").withCredentials(new AWSStaticCredentialsProvider(partner)).build();
    }

    AmazonS3 auditS3() {
        Credentials c = sts.assumeRole(new AssumeRoleRequest().withRoleArn(System.getenv("AUDIT_ROLE_ARN")).withRoleSessionName("ledger-export")).getCredentials();
        BasicSessionCredentials temporary = new BasicSessionCredentials(c.getAccessKeyId(), c.getSecretAccessKey(), c.getSessionToken());
        return AmazonS3ClientBuilder.standard().withCredentials(new AWSStaticCredentialsProvider(temporary)).build();
    }
}
