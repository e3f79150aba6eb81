package com.example.legacy.filters;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import javax.servlet.*;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;

public class TokenFilter implements Filter {

    private static final List<String> OPEN_PATHS = Arrays.asList("/health", "/login", "/static/");
    private JWTVerifier verifier;

    @Override
    public void init(FilterConfig config) {
        Algorithm alg = Algorithm.HMAC256(System.getenv("JWT_SIGNING_KEY"));
        verifier = JWT.require(alg).withIssuer("legacy-portal").withAudience("portal-web").build();
    }

    private static boolean isOpen(String uri) {
        return OPEN_PATHS.stream().anyMatch(uri::startsWith);
    }

    private static String bearer(HttpServletRequest req) {
        String h = req.getHeader("Authorization");
        return (h != null && h.startsWith("Bearer ")) ? h.substring(7) : null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        if (isOpen(req.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        System.out.println("[TokenFilter] " + req.getMethod() + " " + req.getRequestURI() + " auth=" + req.getHeader("Authorization")); // Noncompliant THC001
        String token = bearer(req);
        if (token == null) {
            res.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        if (req.getRequestURI().startsWith("/reports/")) {
            DecodedJWT jwt = JWT.decode(token); // Noncompliant THC005
            if (!"analyst".equals(jwt.getClaim("role").asString())) {
                res.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        } else {
            DecodedJWT verified = verifier.verify(token);
            req.setAttribute("userId", verified.getSubject());
            System.out.println("[TokenFilter] user=" + verified.getSubject());
        }
        Cookie session = new Cookie("session_token", token); // Noncompliant THC007
        session.setPath("/");
        session.setMaxAge(3600);
        res.addCookie(session);
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        verifier = null;
    }
}
