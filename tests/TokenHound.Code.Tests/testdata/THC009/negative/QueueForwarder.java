package com.example.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

public class QueueForwarder {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final SqsClient sqs = SqsClient.create();
    private final String queueUrl = System.getenv("INGEST_QUEUE_URL");

    // the message holds the tenant, the body and the caller's subject, never the token itself
    public void forward(String authorization, String tenant, String subject, String body) {
        ObjectNode message = MAPPER.createObjectNode();
        message.put("tenant", tenant);
        message.put("subject", subject);
        message.put("body", body);
        message.put("authenticated", authorization != null);
        sqs.sendMessage(SendMessageRequest.builder().queueUrl(queueUrl).messageBody(message.toString()).build());
    }
}
