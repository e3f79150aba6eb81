package com.example.platform.keys;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.client.RestTemplate;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanKeyRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteApiKeyRequest;

@RestController
@RequestMapping("/api/keys")
public class KeyVendingController {
    private static final Logger log = LoggerFactory.getLogger(KeyVendingController.class);

    public record VendRequest(String tenantId, String purpose) {}

    private final ApiGatewayClient apigw;
    private final RestTemplate rest;
    private final String usagePlanId;
    private final String meteringUrl;

    public KeyVendingController(ApiGatewayClient apigw, RestTemplate rest,
                                @Value("${keys.usage-plan-id}") String usagePlanId,
                                @Value("${keys.metering-url}") String meteringUrl) {
        this.apigw = apigw;
        this.rest = rest;
        this.usagePlanId = usagePlanId;
        this.meteringUrl = meteringUrl;
    }

    @PostMapping
    public ResponseEntity<?> vend(@RequestBody VendRequest request, @AuthenticationPrincipal Jwt principal) {
        try {
            CreateApiKeyResponse key = apigw.createApiKey(CreateApiKeyRequest.builder()
                    .name(request.tenantId() + "-" + System.currentTimeMillis())
                    .enabled(true)
                    .build());
            apigw.createUsagePlanKey(CreateUsagePlanKeyRequest.builder().usagePlanId(usagePlanId).keyId(key.id()).keyType("API_KEY").build());
            log.info("Vended key id={} tenant={} by={}", key.id(), request.tenantId(), principal.getSubject());
            log.debug("Vended key value {} for tenant {}", key.value(), request.tenantId()); // Noncompliant THC001

            HttpHeaders headers = new HttpHeaders();
            headers.set("x-api-key", key.value());
            rest.postForEntity(meteringUrl + "/tenants/{tenant}/keys", new HttpEntity<>(Map.of("keyId", key.id()), headers), Void.class, request.tenantId());

            ResponseCookie keyCookie = ResponseCookie.from("tenant_api_key", key.value()).path("/").maxAge(Duration.ofMinutes(10)).build(); // Noncompliant THC007
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header(HttpHeaders.SET_COOKIE, keyCookie.toString())
                    .body(Map.of("keyId", key.id()));
        } catch (ApiGatewayException e) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", e.getMessage(), "request", request)); // Noncompliant THC003
        }
    }

    @PostMapping("/session")
    public ResponseEntity<Void> portalSession(@AuthenticationPrincipal Jwt principal) {
        String sessionId = UUID.randomUUID().toString();
        ResponseCookie cookie = ResponseCookie.from("portal_session", sessionId)
                .httpOnly(true).secure(true).sameSite("Strict").path("/").maxAge(Duration.ofHours(1)).build();
        log.info("Portal session opened for {}", principal.getSubject());
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }

    @DeleteMapping("/{keyId}")
    public ResponseEntity<?> revoke(@PathVariable String keyId, @AuthenticationPrincipal Jwt principal) {
        try {
            apigw.deleteApiKey(DeleteApiKeyRequest.builder().apiKey(keyId).build());
            log.info("Revoked key id={} by={}", keyId, principal.getSubject());
            return ResponseEntity.noContent().build();
        } catch (ApiGatewayException e) {
            String ref = UUID.randomUUID().toString();
            log.warn("Revoke failed ref={} key={} status={}", ref, keyId, e.statusCode());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "revoke failed", "ref", ref));
        }
    }
}
