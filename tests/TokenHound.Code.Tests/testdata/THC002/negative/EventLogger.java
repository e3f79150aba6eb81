package com.example.hooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

public class EventLogger implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger logger = LogManager.getLogger(EventLogger.class);

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        logger.info("route {} path {}", event.getRouteKey(), event.getRawPath());
        logger.info("request id {}", event.getRequestContext().getRequestId());
        logger.debug("header count {}", event.getHeaders().size());
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
    }
}
