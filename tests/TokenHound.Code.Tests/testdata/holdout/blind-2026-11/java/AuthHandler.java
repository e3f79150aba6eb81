package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

public class AuthHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger logger = LogManager.getLogger(AuthHandler.class);
    private final OrderService orders = new OrderService();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        logger.debug("event {}", event); // Noncompliant THC002
        context.getLogger().log("request " + event.getRequestContext().getRequestId() + " " + event.getPath());
        Map<String, String> headers = event.getHeaders();
        String authorization = headers.get("Authorization");
        logger.info("Authorization={}", authorization); // Noncompliant THC001
        logger.info("has auth header: {}", authorization != null);
        try {
            String body = orders.list(authorization);
            return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(body);
        } catch (SecurityException e) {
            logger.warn("rejected request {}", event.getRequestContext().getRequestId());
            return new APIGatewayProxyResponseEvent().withStatusCode(401).withBody("{\"message\":\"unauthorized\"}");
        } catch (RuntimeException e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            logger.error("failure", e);
            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody(sw.toString()); // Noncompliant THC003
        }
    }
}
