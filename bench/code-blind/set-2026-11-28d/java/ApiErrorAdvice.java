package com.example.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

@ControllerAdvice
public class ApiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    private ResponseEntity<Map<String, Object>> errorResponse(HttpStatus status, HttpServletRequest request, Exception ex) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Instant.now().toString());
        body.put("path", request.getRequestURI());
        body.put("error", ex.getClass().getSimpleName());
        body.put("message", ex.getMessage());
        body.put("trace", ExceptionUtils.getStackTrace(ex));
        return ResponseEntity.status(status).body(body); // Noncompliant THC003
    }

    @ExceptionHandler(NoSuchElementException.class)
    public ResponseEntity<Map<String, Object>> handleNotFound(HttpServletRequest request, NoSuchElementException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "not_found", "path", request.getRequestURI()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Map<String, Object>> handleDenied(HttpServletRequest request, AccessDeniedException ex) {
        String presented = request.getHeader("Authorization");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "forbidden");
        body.put("path", request.getRequestURI());
        body.put("presentedCredentials", presented);
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body); // Noncompliant THC003
    }

    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<Map<String, Object>> handleConflict(HttpServletRequest request, IllegalStateException ex) {
        log.warn("Conflict on {}", request.getRequestURI(), ex);
        return errorResponse(HttpStatus.CONFLICT, request, ex);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> handleUnexpected(HttpServletRequest request, Exception ex) {
        log.error("Unhandled exception on {} {}", request.getMethod(), request.getRequestURI(), ex);
        return errorResponse(HttpStatus.INTERNAL_SERVER_ERROR, request, ex);
    }
}

@Component
@Order(1)
class RequestAuditFilter extends OncePerRequestFilter {

    private static final Logger audit = LoggerFactory.getLogger("audit");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        audit.info("{} {} headers={}", request.getMethod(), request.getRequestURI(), headers); // Noncompliant THC002
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            audit.info("{} {} -> {} in {}ms", request.getMethod(), request.getRequestURI(), response.getStatus(), tookMs);
        }
    }
}
