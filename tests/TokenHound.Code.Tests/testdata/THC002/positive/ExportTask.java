package com.example.reports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.google.gson.Gson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Map;

// A Step Functions task: handleRequest's input is the whole state input
public class ExportTask implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger logger = LogManager.getLogger(ExportTask.class);
    private static final Gson GSON = new Gson();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        logger.info("Task input: " + GSON.toJson(input)); // Noncompliant
        String bucket = (String) input.get("bucket");
        logger.info("Exporting to {} ({})", bucket, context.getAwsRequestId());
        return Map.of("status", "ok");
    }
}
