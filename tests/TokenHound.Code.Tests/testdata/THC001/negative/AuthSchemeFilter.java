package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class AuthSchemeFilter {
    private static final Logger log = LoggerFactory.getLogger(AuthSchemeFilter.class);

    public APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Context context) {
        String authHeader = event.getHeaders().get("Authorization");
        if (authHeader == null) {
            return new APIGatewayProxyResponseEvent().withStatusCode(401).withBody("{\"message\":\"Unauthorized\"}");
        }
        // the scheme word and the length say what kind of credential came, not what it is
        log.debug("Authorization scheme={} length={}", authHeader.split(" ")[0], authHeader.length());
        String scheme = authHeader.split("\\s+")[0];
        if (!"Bearer".equalsIgnoreCase(scheme)) {
            log.warn("unsupported scheme {} on {}", scheme, context.getAwsRequestId());
            return new APIGatewayProxyResponseEvent().withStatusCode(401).withBody("{\"message\":\"Unauthorized\"}");
        }
        return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("{}");
    }
}
