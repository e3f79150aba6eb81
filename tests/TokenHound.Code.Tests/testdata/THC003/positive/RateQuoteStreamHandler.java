package com.example.freight.quotes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** API Gateway proxy handler (stream form) that prices a freight lane. */
public class RateQuoteStreamHandler implements RequestStreamHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectNode response = MAPPER.createObjectNode();
        try {
            JsonNode request = MAPPER.readTree(input);
            JsonNode lane = MAPPER.readTree(request.path("body").asText());
            double rate = RateTable.price(lane.path("origin").asText(), lane.path("destination").asText());
            send(output, response.put("statusCode", 200).put("body", MAPPER.createObjectNode().put("rate", rate).toString()));
        } catch (Exception e) {
            StringWriter stack = new StringWriter();
            e.printStackTrace(new PrintWriter(stack));
            send(output, response.put("statusCode", 500).put("body", MAPPER.createObjectNode().put("error", e.getMessage()).put("stack", stack.toString()).toString())); // Noncompliant
        }
    }

    private static void send(OutputStream output, ObjectNode response) throws IOException {
        output.write(MAPPER.writeValueAsBytes(response));
        output.flush();
    }
}
