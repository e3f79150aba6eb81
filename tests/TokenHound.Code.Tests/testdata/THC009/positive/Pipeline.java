package com.example.pipeline;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

// Starts a state machine with the assumed role's credentials in its input.
public final class Pipeline {
    static String start(SfnClient sfn, String stateMachineArn, String tenant, Credentials creds) {
        String input = String.format("{\"tenant\":\"%s\",\"accessKeyId\":\"%s\",\"secretAccessKey\":\"%s\",\"sessionToken\":\"%s\"}",
                tenant, creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken());
        return sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).input(input).build()).executionArn(); // Noncompliant
    }

    static String startSafe(SfnClient sfn, String stateMachineArn, String tenant, String roleArn) {
        String input = String.format("{\"tenant\":\"%s\",\"roleArn\":\"%s\"}", tenant, roleArn);
        return sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).input(input).build()).executionArn();
    }
}
