package com.acme.web;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

public class HeaderDumpLegacy implements Filter {

    private static final Logger LOG = Logger.getLogger(HeaderDumpLegacy.class.getName());

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        LOG.info("request " + req.getMethod() + " " + req.getRequestURI() + " id=" + req.getHeader("X-Request-Id"));
        if (LOG.isLoggable(Level.FINE)) {
            StringBuilder sb = new StringBuilder();
            Enumeration<String> names = req.getHeaderNames();
            while (names.hasMoreElements()) {
                String name = names.nextElement();
                sb.append(name).append('=').append(req.getHeader(name)).append("; ");
            }
            LOG.fine("incoming headers: " + sb); // Noncompliant THC002
        }

        StringBuilder listed = new StringBuilder();
        Enumeration<String> headerNames = req.getHeaderNames();
        while (headerNames.hasMoreElements()) {
            listed.append(headerNames.nextElement()).append(',');
        }
        LOG.fine("header names: " + listed);
        chain.doFilter(request, response);
    }

    @RestController
    static class ReportsApi {
        @GetMapping("/reports/{id}")
        public ResponseEntity<String> report(@PathVariable("id") String id, @RequestHeader Map<String, String> headers,
                                             @RequestHeader("X-Request-Id") String requestId) {
            LOG.info(String.format("report %s headers=%s", id, headers)); // Noncompliant THC002
            LOG.info(String.format("report %s for user %s, request %s", id, headers.get("x-user-id"), requestId));
            return ResponseEntity.ok(id);
        }
    }
}
