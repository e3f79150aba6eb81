package com.acme.archive.upload;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.PutObjectRequest;
import java.io.ByteArrayInputStream;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads nightly exports. AWS SDK for Java 1.11; the archive bucket is in the old
 * account that only has an IAM user, the reports bucket uses the instance profile.
 */
public class LegacyArchiveUploader {

    private static final Logger log = LoggerFactory.getLogger(LegacyArchiveUploader.class);

    private static final String ARCHIVE_BUCKET = "acme-archive-exports";
    private static final String ARCHIVE_ACCESS_KEY = "AKIAZ7FAKEV6CS4LBN2T";
    private static final String ARCHIVE_SECRET_KEY = "Lk5FAKEarchiveUploaderSecret000000000000";
    private static final int MAX_ATTEMPTS = 4;

    private final AmazonS3 archiveClient;
    private final AmazonS3 reportsClient;

    public LegacyArchiveUploader() {
        BasicAWSCredentials creds = new BasicAWSCredentials(ARCHIVE_ACCESS_KEY, ARCHIVE_SECRET_KEY); // Noncompliant THC008
        log.debug("archive client initialised with {} / {}", ARCHIVE_ACCESS_KEY, ARCHIVE_SECRET_KEY); // Noncompliant THC001
        log.info("archive client uses key ending in {}", ARCHIVE_ACCESS_KEY.substring(ARCHIVE_ACCESS_KEY.length() - 4));
        this.archiveClient = AmazonS3ClientBuilder.standard()
                .withRegion(Regions.US_EAST_1)
                .withCredentials(new AWSStaticCredentialsProvider(creds))
                .build();
        this.reportsClient = AmazonS3ClientBuilder.standard()
                .withRegion(Regions.EU_WEST_1)
                .withCredentials(DefaultAWSCredentialsProviderChain.getInstance())
                .build();
    }

    /** Partner drop bucket: temporary keys are pasted into partner.properties by ops. */
    static AmazonS3 partnerClient(Properties props) {
        BasicSessionCredentials session = new BasicSessionCredentials( // Noncompliant THC008
                props.getProperty("partner.aws.accessKeyId"),
                props.getProperty("partner.aws.secretKey"),
                props.getProperty("partner.aws.sessionToken"));
        return AmazonS3ClientBuilder.standard()
                .withRegion(props.getProperty("partner.aws.region", "eu-central-1"))
                .withCredentials(new AWSStaticCredentialsProvider(session))
                .build();
    }

    public void uploadArchive(String key, byte[] payload) {
        putWithRetry(archiveClient, ARCHIVE_BUCKET, key, payload);
    }

    public void uploadReport(String bucket, String key, byte[] payload) {
        putWithRetry(reportsClient, bucket, key, payload);
    }

    private void putWithRetry(AmazonS3 client, String bucket, String key, byte[] payload) {
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentLength(payload.length);
        meta.setContentType("application/gzip");
        for (int attempt = 1; ; attempt++) {
            try {
                client.putObject(new PutObjectRequest(bucket, key, new ByteArrayInputStream(payload), meta));
                log.info("uploaded {} bytes to s3://{}/{}", payload.length, bucket, key);
                return;
            } catch (AmazonServiceException e) {
                if (attempt >= MAX_ATTEMPTS || e.getStatusCode() < 500) {
                    throw e;
                }
                log.warn("upload of {} failed (attempt {}, status {}, requestId {})",
                        key, attempt, e.getStatusCode(), e.getRequestId());
                sleepQuietly(250L * attempt);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
