package org.example.claims.export;

import com.amazonaws.auth.STSAssumeRoleSessionCredentialsProvider;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The same builder chains on the default chain, a profile and an assumed role: nothing to report. */
public class ClaimsExportClients {

    private static final String LEDGER_ROLE_ARN = System.getenv("LEDGER_ROLE_ARN");

    private final AmazonS3 archive = AmazonS3ClientBuilder.standard()
            .withRegion(Regions.EU_WEST_2)
            .withCredentials(new STSAssumeRoleSessionCredentialsProvider.Builder(LEDGER_ROLE_ARN, "claims-export").build())
            .build();

    private static final SqsClient HANDOFF = SqsClient.builder()
            .region(Region.EU_WEST_2)
            .credentialsProvider(DefaultCredentialsProvider.create())
            .build();

    SqsClient replayQueue() {
        SqsClient replay = SqsClient.builder()
                .region(Region.EU_WEST_2)
                .credentialsProvider(ProfileCredentialsProvider.create("claims-replay"))
                .build();
        return replay;
    }
}
