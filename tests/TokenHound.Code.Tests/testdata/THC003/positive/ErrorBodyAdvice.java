package com.example.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.util.LinkedHashMap;
import java.util.Map;

@ControllerAdvice
public class ErrorBodyAdvice {

    // a body map filled with put(...) and returned: the stack trace travels in it
    private ResponseEntity<Map<String, Object>> errorBody(HttpStatus status, HttpServletRequest request, Exception ex) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", request.getRequestURI());
        body.put("trace", ExceptionUtils.getStackTrace(ex));
        return ResponseEntity.status(status).body(body); // Noncompliant
    }

    // an @ExceptionHandler's response is an error response: echoing the presented credentials is a leak
    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Map<String, Object>> handleDenied(HttpServletRequest request, AccessDeniedException ex) {
        String presented = request.getHeader("Authorization");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "forbidden");
        body.put("presentedCredentials", presented);
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body); // Noncompliant
    }

    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<Map<String, Object>> handleConflict(HttpServletRequest request, IllegalStateException ex) {
        return errorBody(HttpStatus.CONFLICT, request, ex);
    }
}
