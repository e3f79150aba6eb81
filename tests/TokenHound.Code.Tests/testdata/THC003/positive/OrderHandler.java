package com.example.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

public class OrderHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(process(request.getBody()));
        } catch (Exception e) {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(500)
                    .withBody(ExceptionUtils.getStackTrace(e)); // Noncompliant
        }
    }

    private String process(String body) {
        return body;
    }
}

@RestController
class OrderController {
    @PostMapping("/orders")
    public ResponseEntity<String> create(@RequestBody String payload, @RequestHeader("Authorization") String authorization) {
        try {
            return ResponseEntity.ok(payload);
        } catch (RuntimeException e) {
            return ResponseEntity.status(500).body("failed for " + authorization + ": " + e.getMessage()); // Noncompliant
        }
    }
}
