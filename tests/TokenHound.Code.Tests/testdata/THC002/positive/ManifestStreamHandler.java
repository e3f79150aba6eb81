package com.example.freight.manifest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** API Gateway proxy handler that takes freight manifests from forwarders as the raw event stream. */
public class ManifestStreamHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestStreamHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String raw = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        LOG.debug("manifest event: {}", raw); // Noncompliant
        JsonNode event = MAPPER.readTree(raw);
        String forwarder = event.path("pathParameters").path("forwarder").asText();
        LOG.info("manifest from forwarder {} ({} bytes)", forwarder, raw.length());
        output.write("{\"statusCode\":202,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8));
    }
}
