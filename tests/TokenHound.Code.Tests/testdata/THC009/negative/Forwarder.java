package com.example.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

public class Forwarder implements RequestHandler<APIGatewayProxyRequestEvent, String> {
    private final SqsClient sqs = SqsClient.create();

    @Override
    public String handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String requestId = event.getRequestContext().getRequestId();
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(System.getenv("QUEUE")).messageBody("{\"requestId\":\"" + requestId + "\"}").build());
        return "ok";
    }
}
