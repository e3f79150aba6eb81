package com.example.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.util.LinkedHashMap;
import java.util.Map;

@ControllerAdvice
public class ErrorBodyAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorBodyAdvice.class);

    // the details go to the log; the body map holds a generic message and the request id only
    private ResponseEntity<Map<String, Object>> errorBody(HttpStatus status, HttpServletRequest request, Exception ex) {
        log.error("request {} failed", request.getHeader("x-request-id"), ex);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "internal_error");
        body.put("requestId", request.getHeader("x-request-id"));
        return ResponseEntity.status(status).body(body);
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Map<String, Object>> handleDenied(HttpServletRequest request, AccessDeniedException ex) {
        String presented = request.getHeader("Authorization");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "forbidden");
        body.put("credentialsPresent", presented != null);
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body);
    }
}
