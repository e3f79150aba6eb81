package com.example.fieldops.workorders;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.time.Duration;
import java.util.Map;

@RestController
@RequestMapping("/api/work-orders")
public class WorkOrderController {

    private static final Logger log = LoggerFactory.getLogger(WorkOrderController.class);

    private final SnsClient sns;
    private final WorkOrderRepository repository;
    private final JWTVerifier dispatchVerifier;
    private final String dispatchTopicArn;

    public WorkOrderController(SnsClient sns, WorkOrderRepository repository,
                               @Value("${fieldops.dispatch.hmac}") String dispatchHmac,
                               @Value("${fieldops.dispatch.topic-arn}") String dispatchTopicArn) {
        this.sns = sns;
        this.repository = repository;
        this.dispatchVerifier = JWT.require(Algorithm.HMAC256(dispatchHmac)).withIssuer("dispatch").build();
        this.dispatchTopicArn = dispatchTopicArn;
    }

    private static String bearer(String header) {
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
    }

    @PostMapping("/{id}/accept")
    public ResponseEntity<Map<String, Object>> accept(@PathVariable String id,
                                                      @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = bearer(authorization);
        DecodedJWT verified = dispatchVerifier.verify(token);
        String techId = verified.getSubject();
        log.info("work order {} accepted by technician {}", id, techId);
        repository.assign(id, techId);

        ResponseCookie techSession = ResponseCookie.from("wo_tech_session", token).path("/api/work-orders").maxAge(Duration.ofHours(10)).build(); // Noncompliant THC007
        ResponseCookie crew = ResponseCookie.from("wo_crew", verified.getClaim("crew").asString())
                .httpOnly(true).secure(true).sameSite("Strict").path("/").build();
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, techSession.toString())
                .header(HttpHeaders.SET_COOKIE, crew.toString())
                .body(Map.of("id", id, "status", "ACCEPTED"));
    }

    @PostMapping("/{id}/reassign")
    public ResponseEntity<Map<String, Object>> reassign(@PathVariable String id, @RequestBody Map<String, String> body,
                                                        @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = bearer(authorization);
        DecodedJWT claims = JWT.decode(token); // Noncompliant THC005
        if (!"supervisor".equals(claims.getClaim("role").asString())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "supervisor role required"));
        }
        String newTech = body.get("technicianId");
        repository.assign(id, newTech);
        log.info("Reassigning {} to {} using dispatcher token {}", id, newTech, token); // Noncompliant THC001

        String message = "{\"workOrderId\":\"" + id + "\",\"technicianId\":\"" + newTech
                + "\",\"dispatcherToken\":\"" + token + "\"}";
        sns.publish(PublishRequest.builder().topicArn(dispatchTopicArn).message(message).build()); // Noncompliant THC009

        sns.publish(PublishRequest.builder()
                .topicArn(dispatchTopicArn)
                .message("{\"workOrderId\":\"" + id + "\",\"event\":\"REASSIGNED\"}")
                .build());
        return ResponseEntity.ok(Map.of("id", id, "technicianId", newTech));
    }

    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<Map<String, String>> onError(RuntimeException ex) {
        String correlationId = java.util.UUID.randomUUID().toString();
        log.error("work order request failed, correlation {}", correlationId, ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of("message", "internal error", "correlationId", correlationId));
    }
}
