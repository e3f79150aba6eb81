package com.example.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.Gson;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

public class EventLogger implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger logger = LogManager.getLogger(EventLogger.class);
    private final Gson gson = new Gson();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        logger.info("EVENT: " + gson.toJson(event)); // Noncompliant
        context.getLogger().log("HEADERS: " + event.getHeaders()); // Noncompliant
        logger.info("route {} request {}", event.getRouteKey(), event.getRequestContext().getRequestId());
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
    }
}
