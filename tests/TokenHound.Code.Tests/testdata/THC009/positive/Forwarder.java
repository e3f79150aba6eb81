package com.example.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

public class Forwarder implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private final LambdaClient lambda = LambdaClient.create();
    private final SqsClient sqs = SqsClient.create();

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String token = event.getHeaders().get("Authorization");
        lambda.invoke(InvokeRequest.builder() // Noncompliant
                .functionName(System.getenv("WORKER"))
                .payload(SdkBytes.fromUtf8String("{\"token\":\"" + token + "\"}"))
                .build());
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(System.getenv("QUEUE")).messageBody(token).build()); // Noncompliant
        return "ok";
    }
}
