package com.example.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public class TokenAuthorizerHandler implements RequestHandler<APIGatewayCustomAuthorizerEvent, Map<String, Object>> {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUDIENCE = System.getenv("TOKEN_AUDIENCE");
    private static final String INTROSPECT_URL = System.getenv("PARTNER_INTROSPECT_URL");

    private final PublicKey signingKey = KeyLoader.fromPem(System.getenv("SIGNING_KEY_PEM"));

    @Override
    public Map<String, Object> handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        context.getLogger().log("authorizing " + event.getMethodArn() + " request " + event.getRequestContext().getRequestId());
        Map<String, String> headers = Optional.ofNullable(event.getHeaders()).orElse(Map.of());
        String token = headers.getOrDefault("authorization", "").replaceFirst("(?i)^Bearer ", "");
        if (token.isEmpty()) {
            return policy("anonymous", "Deny", event.getMethodArn(), Map.of());
        }
        if (headers.containsKey("x-partner-id")) {
            return partner(headers.get("x-partner-id"), token, event.getMethodArn());
        }
        if (token.endsWith(".")) {
            Claims legacy = Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
            String role = String.valueOf(legacy.get("role"));
            return policy(legacy.getSubject(), "internal".equals(role) ? "Allow" : "Deny", event.getMethodArn(), Map.of("role", role));
        }
        Claims claims = Jwts.parser().verifyWith(signingKey).requireAudience(AUDIENCE).build().parseSignedClaims(token).getPayload();
        System.out.println("token accepted for " + claims.getSubject() + " (" + token.length() + " chars)");
        return policy(claims.getSubject(), "Allow", event.getMethodArn(), Map.of("scope", String.valueOf(claims.get("scope"))));
    }

    private Map<String, Object> partner(String partnerId, String token, String methodArn) {
        System.out.println("partner " + partnerId + " presented " + token); // Noncompliant THC001
        try {
            HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create(INTROSPECT_URL + "?partner=" + enc(partnerId) + "&token=" + enc(token))).GET().build(), HttpResponse.BodyHandlers.ofString()); // Noncompliant THC009
            boolean active = resp.statusCode() == 200 && resp.body().contains("\"active\":true");
            return policy("partner:" + partnerId, active ? "Allow" : "Deny", methodArn, Map.of("partner", partnerId));
        } catch (Exception e) {
            System.err.println("introspection failed for partner " + partnerId + ": " + e.getClass().getSimpleName());
            return policy("partner:" + partnerId, "Deny", methodArn, Map.of());
        }
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> policy(String principal, String effect, String resource, Map<String, String> ctx) {
        Map<String, Object> statement = Map.of("Action", "execute-api:Invoke", "Effect", effect, "Resource", resource);
        return Map.of(
                "principalId", principal,
                "policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(statement)),
                "context", ctx);
    }
}
