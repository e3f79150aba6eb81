package com.example.gateway;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// A JAX-RS filter and a Lambda handler that read credential headers and log them.
public class GatewayFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayFilter.class);

    @Override
    public void filter(ContainerRequestContext request) {
        LOG.debug("cookies " + request.getHeaderString("Cookie")); // Noncompliant
        LOG.debug("path " + request.getUriInfo().getPath());
    }

    static String header(com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent event, String name) {
        return event.getHeaders() == null ? null : event.getHeaders().get(name);
    }

    public void handle(com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent event) {
        String authorization = header(event, "Authorization");
        LOG.debug("Authorization header: {}", authorization); // Noncompliant
        LOG.debug("Authorization header present: {}", authorization != null);
    }
}
