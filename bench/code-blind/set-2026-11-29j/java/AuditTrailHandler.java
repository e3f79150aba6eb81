package com.acme.audit;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.securitytoken.AWSSecurityTokenService;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import com.amazonaws.services.securitytoken.model.AssumeRoleRequest;
import com.amazonaws.services.securitytoken.model.Credentials;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class AuditTrailHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuditTrailHandler.class);
    private static final String ARCHIVE_BUCKET = System.getenv().getOrDefault("AUDIT_ARCHIVE_BUCKET", "acme-audit-archive");
    private static final String COLD_BUCKET = System.getenv().getOrDefault("AUDIT_COLD_BUCKET", "acme-audit-cold");

    public record AuditEntry(String tenantId, String actor, String action, String at, String customerBucket, String customerRoleArn) {}

    private final AmazonS3 primaryStore = AmazonS3ClientBuilder.defaultClient();
    private final AWSSecurityTokenService sts = AWSSecurityTokenServiceClientBuilder.defaultClient();
    private final AmazonS3 coldArchive;
    private final ObjectMapper mapper = new ObjectMapper();

    public AuditTrailHandler() {
        BasicAWSCredentials archiveCreds = new BasicAWSCredentials("AKIAZ7FAKEW4XN2RT6KB", "FAKEcoldArchiveSecret5Jk3Pq3Xz6Vb2Nm7Lc"); // Noncompliant THC008
        this.coldArchive = AmazonS3ClientBuilder.standard()
                .withRegion(Regions.US_WEST_2)
                .withCredentials(new AWSStaticCredentialsProvider(archiveCreds))
                .build();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        context.getLogger().log("Audit batch received: " + event); // Noncompliant THC002
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage msg : event.getRecords()) {
            try {
                AuditEntry entry = mapper.readValue(msg.getBody(), AuditEntry.class);
                context.getLogger().log("Processing audit message " + msg.getMessageId() + " tenant=" + entry.tenantId());
                String json = mapper.writeValueAsString(entry);
                primaryStore.putObject(ARCHIVE_BUCKET, key(entry, msg.getMessageId()), json);
                coldArchive.putObject(COLD_BUCKET, key(entry, msg.getMessageId()), json);
                if (entry.customerRoleArn() != null) {
                    copyToCustomerBucket(entry, msg.getMessageId(), json);
                }
            } catch (Exception e) {
                LOGGER.error("Audit message {} failed: {}", msg.getMessageId(), e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(msg.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void copyToCustomerBucket(AuditEntry entry, String messageId, String json) {
        Credentials credentials = sts.assumeRole(new AssumeRoleRequest()
                .withRoleArn(entry.customerRoleArn())
                .withRoleSessionName("audit-export-" + entry.tenantId())
                .withExternalId(entry.tenantId())).getCredentials();
        LOGGER.info("Assumed customer role {} with credentials {}", entry.customerRoleArn(), credentials); // Noncompliant THC001
        LOGGER.debug("Customer role session for tenant {} expires at {}", entry.tenantId(), credentials.getExpiration());
        AmazonS3 customerS3 = AmazonS3ClientBuilder.standard()
                .withCredentials(new AWSStaticCredentialsProvider(new BasicSessionCredentials(
                        credentials.getAccessKeyId(), credentials.getSecretAccessKey(), credentials.getSessionToken())))
                .build();
        customerS3.putObject(entry.customerBucket(), key(entry, messageId), json);
    }

    private static String key(AuditEntry entry, String messageId) {
        return entry.tenantId() + "/" + entry.at().substring(0, 10) + "/" + messageId + ".json";
    }
}
