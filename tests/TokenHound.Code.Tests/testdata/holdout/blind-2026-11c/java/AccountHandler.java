package com.example.accounts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class AccountHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AccountHandler.class);
    private final JWTVerifier verifier;

    public AccountHandler() {
        Algorithm algorithm = Algorithm.HMAC256(System.getenv("JWT_SIGNING_KEY"));
        this.verifier = JWT.require(algorithm).withIssuer("https://id.example.com/").withAudience("accounts").build();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        LOG.info("request {} {} {}", context.getAwsRequestId(), event.getHttpMethod(), event.getPath());
        String authorization = header(event, "Authorization");
        if (authorization == null) {
            return respond(401, "{\"message\":\"unauthorized\"}");
        }
        LOG.debug("Authorization header: {}", authorization); // Noncompliant THC001
        String token = authorization.replaceFirst("(?i)^Bearer\\s+", "");
        if ("/accounts/admin".equals(event.getPath())) {
            return admin(token);
        }
        try {
            DecodedJWT verified = verifier.verify(token);
            DecodedJWT decoded = JWT.decode(token);
            LOG.info("account view for sub={} kid={}", verified.getSubject(), decoded.getKeyId());
            return respond(200, "{\"account\":\"" + verified.getSubject() + "\"}");
        } catch (JWTVerificationException e) {
            LOG.warn("token rejected for request {}", context.getAwsRequestId());
            return respond(401, "{\"message\":\"invalid token\"}");
        }
    }

    private APIGatewayProxyResponseEvent admin(String token) {
        DecodedJWT jwt = JWT.decode(token); // Noncompliant THC005
        if (!"admin".equals(jwt.getClaim("role").asString())) {
            return respond(403, "{\"message\":\"forbidden\"}");
        }
        return respond(200, "{\"admin\":true}");
    }

    private static String header(APIGatewayProxyRequestEvent event, String name) {
        if (event.getHeaders() == null) {
            return null;
        }
        return event.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static APIGatewayProxyResponseEvent respond(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }
}
