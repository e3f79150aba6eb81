package com.example.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.ArrayList;
import java.util.List;

public class QueueForwarder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SqsClient sqs = SqsClient.create();
    private final String queueUrl = System.getenv("INGEST_QUEUE_URL");

    // a JSON node filled with put(...) carries the caller's token into the message body
    public void forward(String authorization, String tenant, String body) {
        String token = authorization.substring(7);
        ObjectNode message = MAPPER.createObjectNode();
        message.put("tenant", tenant);
        message.put("body", body);
        message.put("callerToken", token);
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(message.toString()).build()); // Noncompliant
    }

    // so does a list the token was added to
    public void forwardAll(String authorization, List<String> ids) {
        List<String> parts = new ArrayList<>(ids);
        parts.add(authorization);
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(String.join(",", parts)).build()); // Noncompliant
    }
}
