package com.example.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class LoginHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        context.getLogger().log("request " + input.getRequestContext().getRequestId());
        String auth = input.getHeaders().getOrDefault("Authorization", "");
        LOG.info("authorization header present: {}", !auth.isEmpty());
        LOG.info("authorization header length: {}", auth.length());
        LOG.debug("token suffix: {}", mask(auth));
        String tokenType = "Bearer";
        LOG.info("token type {}", tokenType);
        System.out.println("path " + input.getPath() + " method " + input.getHttpMethod());
        return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("{\"ok\":true}");
    }

    private static String mask(String value) {
        return value.length() > 4 ? "****" + value.substring(value.length() - 4) : "****";
    }
}
