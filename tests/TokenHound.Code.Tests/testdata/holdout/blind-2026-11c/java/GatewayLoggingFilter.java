package com.example.gateway;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class GatewayLoggingFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayLoggingFilter.class);
    private static final String PARTNER_API_KEY = System.getenv("PARTNER_API_KEY");

    @Override
    public void filter(ContainerRequestContext request) {
        String requestId = request.getHeaderString("X-Request-Id");
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
            request.getHeaders().putSingle("X-Request-Id", requestId);
        }
        MDC.put("requestId", requestId);
        LOG.info("{} {}", request.getMethod(), request.getUriInfo().getPath());
        LOG.trace("headers: {}", request.getHeaders()); // Noncompliant THC002
        LOG.debug("cookies " + request.getHeaderString("Cookie")); // Noncompliant THC001

        String apiKey = request.getHeaderString("x-api-key");
        if (!matches(apiKey)) {
            String msg = String.format("rejected api key %s from %s", apiKey, request.getHeaderString("X-Forwarded-For"));
            LOG.warn(msg); // Noncompliant THC001
            request.abortWith(Response.status(401).entity("{\"message\":\"invalid api key\"}").build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int keyLength = Optional.ofNullable(request.getHeaderString("x-api-key")).map(String::length).orElse(0);
        LOG.info("completed {} status={} apiKeyLength={}", MDC.get("requestId"), response.getStatus(), keyLength);
        MDC.remove("requestId");
    }

    private static boolean matches(String candidate) {
        if (candidate == null || PARTNER_API_KEY == null) {
            return false;
        }
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), PARTNER_API_KEY.getBytes(StandardCharsets.UTF_8));
    }
}
