package com.example.reports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

// Nightly export: the environment names the secret; only its name and version are logged.
public class ReportExporter implements RequestHandler<ScheduledEvent, String> {
    private final SecretsManagerClient secrets = SecretsManagerClient.create();

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        String secretId = System.getenv("REPORT_DB_SECRET");
        String secretArn = System.getenv("REPORT_DB_SECRET_ARN");
        var response = secrets.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build());
        System.out.println("Loaded report DB secret " + secretId + " (" + secretArn + ") version " + response.versionId()
                + " for run " + context.getAwsRequestId());
        return "ok";
    }
}
