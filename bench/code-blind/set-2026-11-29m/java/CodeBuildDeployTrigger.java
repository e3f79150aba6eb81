package com.acme.delivery.deployer;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.codebuild.AWSCodeBuild;
import com.amazonaws.services.codebuild.AWSCodeBuildClientBuilder;
import com.amazonaws.services.codebuild.model.EnvironmentVariable;
import com.amazonaws.services.codebuild.model.EnvironmentVariableType;
import com.amazonaws.services.codebuild.model.StartBuildRequest;
import com.amazonaws.services.codebuild.model.StartBuildResult;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.simplesystemsmanagement.AWSSimpleSystemsManagement;
import com.amazonaws.services.simplesystemsmanagement.AWSSimpleSystemsManagementClientBuilder;
import com.amazonaws.services.simplesystemsmanagement.model.GetParameterRequest;
import com.amazonaws.services.sns.AmazonSNS;
import com.amazonaws.services.sns.AmazonSNSClientBuilder;
import com.google.gson.Gson;

/**
 * Consumes deploy requests from the "deploy-requests" queue and starts the
 * matching CodeBuild deploy project in the tooling account (AWS SDK for Java v1).
 */
public class CodeBuildDeployTrigger implements RequestHandler<SQSEvent, Void> {

    private static final Gson GSON = new Gson();
    private static final String TOPIC_ARN = System.getenv("DEPLOY_TOPIC_ARN");
    private static final String DEPLOY_TOKEN_PARAM = "/delivery/deploy-token";

    // tooling account build projects; IAM user until the cross-account role migration lands
    private final AWSCodeBuild codeBuild = AWSCodeBuildClientBuilder.standard().withRegion(Regions.EU_WEST_1).withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAZ7FAKEMNBVCXZ234", "FAKEcodebuildDeploySecret000000000000000"))).build(); // Noncompliant THC008
    private final AmazonSNS sns = AmazonSNSClientBuilder.defaultClient();
    private final AWSSimpleSystemsManagement ssm = AWSSimpleSystemsManagementClientBuilder.defaultClient();

    static final class DeployRequest {
        String service;
        String environment;
        String commitSha;
        String requestedBy;
    }

    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("deploy batch: " + event); // Noncompliant THC002

        String deployToken = ssm.getParameter(new GetParameterRequest().withName(DEPLOY_TOKEN_PARAM).withWithDecryption(true)).getParameter().getValue();
        System.out.println("Using deploy token: " + deployToken); // Noncompliant THC001
        logger.log("deploy token loaded from " + DEPLOY_TOKEN_PARAM + " (" + deployToken.length() + " chars)");

        for (SQSEvent.SQSMessage msg : event.getRecords()) {
            DeployRequest req = GSON.fromJson(msg.getBody(), DeployRequest.class);
            logger.log("message " + msg.getMessageId() + ": " + req.service + "@" + req.commitSha + " -> " + req.environment);

            StartBuildResult result = codeBuild.startBuild(new StartBuildRequest()
                    .withProjectName(req.service + "-deploy")
                    .withSourceVersion(req.commitSha)
                    .withEnvironmentVariablesOverride(
                            new EnvironmentVariable().withName("TARGET_ENV").withValue(req.environment),
                            new EnvironmentVariable().withName("DEPLOY_TOKEN")
                                    .withType(EnvironmentVariableType.PARAMETER_STORE)
                                    .withValue(DEPLOY_TOKEN_PARAM)));
            String buildId = result.getBuild().getId();
            logger.log("started build " + buildId + " for " + req.requestedBy);

            sns.publish(TOPIC_ARN, "deploy of " + req.service + " to " + req.environment + " started, build=" + buildId + " token=" + deployToken); // Noncompliant THC009
        }
        return null;
    }
}
