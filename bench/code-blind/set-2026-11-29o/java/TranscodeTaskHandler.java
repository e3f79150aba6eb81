package com.streamco.transcode;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.secretsmanager.AWSSecretsManager;
import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;
import com.amazonaws.services.secretsmanager.model.GetSecretValueRequest;
import com.amazonaws.services.secretsmanager.model.GetSecretValueResult;
import com.amazonaws.services.stepfunctions.AWSStepFunctions;
import com.amazonaws.services.stepfunctions.AWSStepFunctionsClientBuilder;
import com.amazonaws.services.stepfunctions.model.SendTaskFailureRequest;
import com.amazonaws.services.stepfunctions.model.SendTaskSuccessRequest;
import com.amazonaws.services.stepfunctions.model.StartExecutionRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * SQS consumer for MediaConvert completion events (routed by EventBridge, carrying the
 * Step Functions task token of the waiting "Transcode" state). Premium titles also kick off
 * the CDN distribution workflow. AWS SDK for Java v1.
 */
public class TranscodeTaskHandler implements RequestHandler<SQSEvent, Void> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CDN_SECRET_ID = System.getenv("CDN_SECRET_ID");
    private static final String DISTRIBUTE_SM_ARN = System.getenv("DISTRIBUTE_STATE_MACHINE_ARN");

    private final AWSStepFunctions sfn = AWSStepFunctionsClientBuilder.standard() // Noncompliant THC008
            .withRegion(Regions.US_WEST_2)
            .withCredentials(new AWSStaticCredentialsProvider(
                    new BasicAWSCredentials("AKIAZ7FAKETRANSC7DEX", "transcodeFAKEsecretKey00000000000000000")))
            .build();

    private final AWSSecretsManager secrets = AWSSecretsManagerClientBuilder.defaultClient();

    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        LambdaLogger logger = context.getLogger();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            JsonNode body;
            try {
                body = MAPPER.readTree(message.getBody());
            } catch (IOException e) {
                logger.log("skipping malformed message " + message.getMessageId());
                continue;
            }
            String taskToken = body.path("taskToken").asText();
            JsonNode detail = body.path("detail");
            String jobId = detail.path("jobId").asText();
            String status = detail.path("status").asText();
            logger.log("MediaConvert job " + jobId + " finished with status " + status);

            if (!"COMPLETE".equals(status)) {
                sfn.sendTaskFailure(new SendTaskFailureRequest()
                        .withTaskToken(taskToken)
                        .withError("TranscodeFailed")
                        .withCause("job " + jobId + " ended in " + status));
                continue;
            }

            ObjectNode output = MAPPER.createObjectNode()
                    .put("jobId", jobId)
                    .put("outputPrefix", detail.path("outputGroupDetails").path(0).path("outputDetails").path(0).path("outputFilePaths").path(0).asText());
            sfn.sendTaskSuccess(new SendTaskSuccessRequest().withTaskToken(taskToken).withOutput(output.toString()));

            if (body.path("premium").asBoolean(false)) {
                startDistribution(jobId, output, logger);
            }
        }
        return null;
    }

    private void startDistribution(String jobId, ObjectNode output, LambdaLogger logger) {
        String apiKey = cdnApiKey();
        ObjectNode input = output.deepCopy();
        input.put("cdnApiKey", apiKey);
        input.put("requestedBy", "transcode-task-handler");
        sfn.startExecution(new StartExecutionRequest().withStateMachineArn(DISTRIBUTE_SM_ARN).withName("distribute-" + jobId).withInput(input.toString())); // Noncompliant THC009
        logger.log("distribution workflow started for " + jobId);
    }

    private String cdnApiKey() {
        GetSecretValueResult result = secrets.getSecretValue(new GetSecretValueRequest().withSecretId(CDN_SECRET_ID));
        System.out.println("Fetched CDN credentials from " + CDN_SECRET_ID + " version " + result.getVersionId());
        String value = result.getSecretString();
        System.out.println("CDN api key in use: " + value); // Noncompliant THC001
        return value;
    }
}
