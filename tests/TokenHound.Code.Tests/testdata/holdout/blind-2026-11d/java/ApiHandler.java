package com.acme.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    private final InventoryRepository repository = new InventoryRepository();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        LambdaLogger lambdaLogger = context.getLogger();
        log.info("Received event: {}", event); // Noncompliant THC002
        lambdaLogger.log("request " + context.getAwsRequestId() + " " + event.getHttpMethod() + " " + event.getPath());

        Map<String, String> headers = event.getHeaders();
        String apiKey = headers.get("x-api-key");
        lambdaLogger.log("Partner api key: " + apiKey); // Noncompliant THC001
        log.debug("api key supplied: {}", apiKey != null);

        try {
            String sku = event.getPathParameters().get("sku");
            int quantity = repository.quantityFor(sku);
            return respond(200, "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
        } catch (IllegalArgumentException e) {
            log.warn("Bad request {}: {}", context.getAwsRequestId(), e.getMessage());
            return respond(400, "{\"error\":\"invalid sku\"}");
        } catch (Exception e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(500)
                    .withBody("{\"error\":\"" + e.getMessage() + "\",\"stack\":\"" + sw + "\"}"); // Noncompliant THC003
        }
    }

    public APIGatewayProxyResponseEvent handleAudit(APIGatewayProxyRequestEvent event, Context context) {
        log.info("Audit headers: {}", event.getHeaders()); // Noncompliant THC002
        log.info("Audit request {} from {}", context.getAwsRequestId(), event.getRequestContext().getIdentity().getSourceIp());
        return respond(202, "{\"accepted\":true}");
    }

    public APIGatewayProxyResponseEvent handleDenied(APIGatewayProxyRequestEvent event, Context context) {
        String authorization = event.getHeaders().get("Authorization");
        return respond(401, "{\"error\":\"token rejected\",\"token\":\"" + authorization + "\"}"); // Noncompliant THC003
    }

    private static APIGatewayProxyResponseEvent respond(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }
}
