package com.example.telco.export;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskRequest;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.time.LocalDate;
import java.util.Map;

/** Nightly CDR/usage export to wholesale partners' S3 buckets, orchestrated by Step Functions. */
@SpringBootApplication
@EnableScheduling
public class PartnerExportJob {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PartnerExportJob.class);
        app.setDefaultProperties(Map.of("server.error.include-stacktrace", "always", "server.error.include-message", "always")); // Noncompliant THC004
        app.run(args);
    }

    @Component
    static class ExportScheduler {
        private static final Logger log = LoggerFactory.getLogger(ExportScheduler.class);
        private final SfnClient sfn = SfnClient.create();
        private final SecretsManagerClient secrets = SecretsManagerClient.create();
        private final String stateMachineArn = System.getenv("EXPORT_STATE_MACHINE_ARN");
        private final String activityArn = System.getenv("EXPORT_ACTIVITY_ARN");

        private String partnerToken(String partnerId) {
            String secretId = "partners/" + partnerId + "/export-api-token";
            GetSecretValueResponse resp = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build());
            log.info("resolved export token secret {} (version {})", secretId, resp.versionId());
            System.out.println("partner " + partnerId + " export token: " + resp.secretString()); // Noncompliant THC001
            return resp.secretString();
        }

        @Scheduled(cron = "0 30 1 * * *")
        void startNightlyExports() {
            for (String partnerId : new String[] {"mvno-blue", "mvno-orbit", "roaming-hub"}) {
                String token = partnerToken(partnerId);
                String input = String.format("{\"partnerId\":\"%s\",\"day\":\"%s\",\"partnerToken\":\"%s\"}",
                        partnerId, LocalDate.now().minusDays(1), token);
                sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).input(input).build()); // Noncompliant THC009
                log.info("export execution started for partner {}", partnerId);
            }
        }

        @Scheduled(fixedDelay = 5_000)
        void pollExportActivity() {
            GetActivityTaskResponse task = sfn.getActivityTask(GetActivityTaskRequest.builder().activityArn(activityArn).workerName("export-worker").build());
            if (task.taskToken() == null || task.taskToken().isEmpty()) {
                return;
            }
            Map<String, String> in = ExportInput.parse(task.input());
            String roleArn = in.get("partnerRoleArn");
            String bucket = in.get("bucket");
            try (StsClient sts = StsClient.create();
                 StsAssumeRoleCredentialsProvider partnerCreds = StsAssumeRoleCredentialsProvider.builder()
                         .stsClient(sts)
                         .refreshRequest(r -> r.roleArn(roleArn).roleSessionName("cdr-export").externalId(in.get("externalId")))
                         .build();
                 S3Client partnerS3 = S3Client.builder().credentialsProvider(partnerCreds).build()) {
                String key = "usage/" + in.get("day") + "/cdr.csv.gz";
                partnerS3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromString(in.get("payloadRef")));
                log.info("export written to arn:aws:s3:::{}/{} via role {}", bucket, key, roleArn);
                sfn.sendTaskSuccess(SendTaskSuccessRequest.builder().taskToken(task.taskToken()).output("{\"key\":\"" + key + "\"}").build());
            }
        }
    }
}
