package com.acme.billing.web;

import com.acme.billing.service.PortalSessionService;
import com.acme.billing.service.SubscriptionService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/billing")
public class BillingWebhookController {
    private static final Logger log = LoggerFactory.getLogger(BillingWebhookController.class);

    private final SubscriptionService subscriptions;
    private final PortalSessionService portalSessions;
    private final ObjectMapper mapper;
    private final String signingSecret;

    public BillingWebhookController(SubscriptionService subscriptions, PortalSessionService portalSessions, ObjectMapper mapper,
                                    @Value("${billing.webhook.signing-secret}") String signingSecret) {
        this.subscriptions = subscriptions;
        this.portalSessions = portalSessions;
        this.mapper = mapper;
        this.signingSecret = signingSecret;
    }

    @PostMapping("/webhooks")
    public ResponseEntity<String> receive(@RequestHeader Map<String, String> headers, @RequestBody String payload) {
        log.debug("Billing webhook headers: {}", headers); // Noncompliant THC002
        String signature = headers.getOrDefault("billing-signature", "");
        if (!validSignature(payload, signature)) {
            log.warn("Signature check failed using secret {}", signingSecret); // Noncompliant THC001
            return ResponseEntity.badRequest().body("invalid signature");
        }
        try {
            JsonNode event = mapper.readTree(payload);
            log.info("Billing event {} of type {}", event.path("id").asText(), event.path("type").asText());
            subscriptions.apply(event);
            return ResponseEntity.ok("ok");
        } catch (Exception e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            return ResponseEntity.internalServerError().body(sw.toString()); // Noncompliant THC003
        }
    }

    @GetMapping("/portal/{tenantId}")
    public ResponseEntity<Void> openPortal(@PathVariable String tenantId) {
        String portalToken = portalSessions.create(tenantId, Duration.ofMinutes(15));
        ResponseCookie cookie = ResponseCookie.from("billing_portal", portalToken) // Noncompliant THC007
                .path("/billing").maxAge(Duration.ofMinutes(15)).secure(true).sameSite("Lax").build();
        log.info("Portal session opened for tenant {}", tenantId);
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.LOCATION, "/billing/portal/home")
                .build();
    }

    @GetMapping("/checkout/{tenantId}/return")
    public ResponseEntity<Void> checkoutReturn(@PathVariable String tenantId, @RequestParam("ref") String checkoutRef) {
        String checkoutToken = portalSessions.create(tenantId, Duration.ofMinutes(10));
        ResponseCookie cookie = ResponseCookie.from("checkout_session", checkoutToken)
                .httpOnly(true).secure(true).sameSite("Strict").path("/billing/checkout").maxAge(Duration.ofMinutes(10)).build();
        log.info("Checkout {} completed for tenant {}", checkoutRef, tenantId);
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.SET_COOKIE, cookie.toString())
                .header(HttpHeaders.LOCATION, "/billing/checkout/complete")
                .build();
    }

    private boolean validSignature(String payload, String header) {
        try {
            Map<String, String> parts = new HashMap<>();
            for (String kv : header.split(",")) {
                String[] p = kv.trim().split("=", 2);
                if (p.length == 2) {
                    parts.put(p[0], p[1]);
                }
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts.get("t") + "." + payload).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.UTF_8),
                    parts.getOrDefault("v1", "").getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
