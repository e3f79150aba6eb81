package com.example.orders.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
public class ErrorAdvice {
    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<Map<String, Object>> onState(IllegalStateException ex, HttpServletRequest request) {
        String id = UUID.randomUUID().toString();
        log.error("state error {}", id, ex);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "conflict", "id", id));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> onAny(Exception ex, HttpServletRequest request) {
        log.error("unhandled", ex);
        return ResponseEntity.status(500).body(Map.of("error", ex.getMessage(), "trace", Arrays.toString(ex.getStackTrace()))); // Noncompliant THC003
    }

    @ExceptionHandler(SecurityException.class)
    public ResponseEntity<Map<String, Object>> onSecurity(SecurityException ex, HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        return ResponseEntity.status(401).body(Map.of("error", "unauthorized", "token", auth)); // Noncompliant THC003
    }
}
