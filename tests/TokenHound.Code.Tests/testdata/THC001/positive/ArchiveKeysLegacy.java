package com.acme.archive;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Old nightly export client: the IAM user's keys were pasted into constants years ago. */
public class ArchiveKeysLegacy {

    private static final Logger log = LoggerFactory.getLogger(ArchiveKeysLegacy.class);

    private static final String EXPORT_BUCKET = "acme-exports";
    private static final String EXPORT_ACCESS_KEY = "AKIAZ7FAKEQ3MN4TR6WX";
    private static final String EXPORT_SECRET_KEY = "Qm7FAKEexportClientSecretKey000000000000";

    private final AmazonS3 s3;

    public ArchiveKeysLegacy() {
        BasicAWSCredentials creds = new BasicAWSCredentials(EXPORT_ACCESS_KEY, EXPORT_SECRET_KEY); // Noncompliant THC008
        log.debug("export client for {} with {} / {}", EXPORT_BUCKET, EXPORT_ACCESS_KEY, EXPORT_SECRET_KEY); // Noncompliant THC001
        log.info("export key id: " + EXPORT_ACCESS_KEY); // Noncompliant THC001
        log.info("export key ends in {}", EXPORT_ACCESS_KEY.substring(EXPORT_ACCESS_KEY.length() - 4));
        log.info("export bucket {}", EXPORT_BUCKET);
        this.s3 = AmazonS3ClientBuilder.standard()
                .withCredentials(new AWSStaticCredentialsProvider(creds))
                .build();
    }
}
