package org.examplehealth.scheduling;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

@SpringBootApplication
class SchedulingApplication {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SchedulingApplication.class);
        app.setDefaultProperties(Map.of("server.error.include-stacktrace", "always", "server.error.include-message", "always")); // Noncompliant THC004
        app.run(args);
    }
}

@RestController
@RequestMapping("/api/appointments")
public class AppointmentController {
    private static final Logger log = LoggerFactory.getLogger(AppointmentController.class);
    private static final String TABLE = System.getenv().getOrDefault("APPOINTMENTS_TABLE", "appointments");

    private final DynamoDbClient dynamo = DynamoDbClient.create();

    record BookingRequest(String patientId, String practitionerId, String slotStart, String reason) {}

    @PostMapping
    public ResponseEntity<?> book(@RequestBody BookingRequest booking,
                                  @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String appointmentId = UUID.randomUUID().toString();
        log.info("Booking {} for patient {} with practitioner {}", appointmentId, booking.patientId(), booking.practitionerId());
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(TABLE)
                    .item(Map.of(
                            "appointmentId", AttributeValue.fromS(appointmentId),
                            "patientId", AttributeValue.fromS(booking.patientId()),
                            "slotStart", AttributeValue.fromS(booking.slotStart())))
                    .conditionExpression("attribute_not_exists(appointmentId)")
                    .build());
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("appointmentId", appointmentId));
        } catch (RuntimeException e) {
            log.warn("Booking failed for slot {} using credentials {}", booking.slotStart(), authorization); // Noncompliant THC001
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", e.getMessage(), "trace", trace.toString())); // Noncompliant THC003
        }
    }

    @PostMapping("/kiosk-session")
    public ResponseEntity<Void> kioskSession(@RequestParam("checkinToken") String checkinToken,
                                             @RequestParam("clinicId") String clinicId) {
        ResponseCookie session = ResponseCookie.from("kiosk_session", checkinToken) // Noncompliant THC007
                .httpOnly(true)
                .path("/")
                .maxAge(Duration.ofMinutes(20))
                .build();
        ResponseCookie clinic = ResponseCookie.from("kiosk_clinic", clinicId)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path("/")
                .build();
        log.info("Kiosk session opened for clinic {} (token length {})", clinicId, checkinToken.length());
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, session.toString())
                .header(HttpHeaders.SET_COOKIE, clinic.toString())
                .build();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        String correlationId = UUID.randomUUID().toString();
        log.info("Rejected appointment request {}: {}", correlationId, e.getMessage());
        return ResponseEntity.badRequest().body(Map.of("error", "Invalid request", "correlationId", correlationId));
    }
}
