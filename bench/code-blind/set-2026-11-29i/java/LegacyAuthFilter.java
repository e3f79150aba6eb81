package com.acme.portal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * web.xml filter in front of the portal servlets (Servlet 3.0, Tomcat 7).
 * Tokens are issued by the SSO box; this filter predates the Spring Security setup.
 */
public class LegacyAuthFilter implements Filter {

    private static final Logger LOG = Logger.getLogger(LegacyAuthFilter.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Set<String> adminPrefixes = new HashSet<>();

    @Override
    public void init(FilterConfig cfg) {
        String prefixes = cfg.getInitParameter("adminPrefixes");
        if (prefixes != null) {
            adminPrefixes.addAll(Arrays.asList(prefixes.split(",")));
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;

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

        String auth = req.getHeader("Authorization");
        LOG.fine("Authorization header: " + auth); // Noncompliant THC001
        if (auth == null || !auth.startsWith("Bearer ")) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String token = auth.substring(7);
        LOG.fine("bearer token present, length=" + token.length());

        try {
            String payloadJson = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8); // Noncompliant THC005
            @SuppressWarnings("unchecked")
            Map<String, Object> claims = MAPPER.readValue(payloadJson, Map.class);
            if (isAdminPath(req) && !"admin".equals(claims.get("role"))) {
                resp.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            req.setAttribute("portal.userId", claims.get("sub"));
            chain.doFilter(request, response);
        } catch (RuntimeException e) {
            resp.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            resp.setContentType("text/plain");
            e.printStackTrace(resp.getWriter()); // Noncompliant THC003
        }
    }

    private boolean isAdminPath(HttpServletRequest req) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return adminPrefixes.stream().anyMatch(path::startsWith);
    }

    @Override
    public void destroy() {
        adminPrefixes.clear();
    }
}
