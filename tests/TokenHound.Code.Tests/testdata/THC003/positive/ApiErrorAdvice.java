package com.example.orders;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
public class ApiErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<Map<String, Object>> onState(IllegalStateException ex) {
        String id = UUID.randomUUID().toString();
        log.error("state error {}", id, ex);
        return ResponseEntity.status(409).body(Map.of("error", "conflict", "id", id));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> onAny(Exception ex) {
        log.error("unhandled", ex);
        return ResponseEntity.status(500).body(Map.of("error", "internal", "trace", Arrays.toString(ex.getStackTrace()))); // Noncompliant
    }
}
