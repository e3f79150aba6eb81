package com.acme.archive.upload;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import java.util.Properties;

/** Partner drop bucket: temporary keys are pasted into partner.properties by ops. */
final class PartnerKeysLegacy {

    private PartnerKeysLegacy() {
    }

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

    static AmazonS3 reportsClient(Properties props) {
        return AmazonS3ClientBuilder.standard()
                .withRegion(props.getProperty("reports.aws.region", "eu-west-1"))
                .withCredentials(DefaultAWSCredentialsProviderChain.getInstance())
                .build();
    }
}
