package com.example.portal.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

@Component
public class JwtAuthFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthFilter.class);
    private final JWTVerifier verifier;

    public JwtAuthFilter(JwtProperties props) {
        this.verifier = JWT.require(Algorithm.HMAC256(props.getSecret()))
                .withIssuer(props.getIssuer())
                .withAudience(props.getAudience())
                .build();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(7);
        LOG.debug("Bearer token: " + token); // Noncompliant THC001

        if (request.getRequestURI().startsWith("/internal/")) {
            DecodedJWT unverified = JWT.decode(token); // Noncompliant THC005
            if ("ops".equals(unverified.getClaim("team").asString())) {
                authenticate(unverified);
            }
            chain.doFilter(request, response);
            return;
        }

        try {
            DecodedJWT jwt = verifier.verify(token);
            authenticate(jwt);
            Cookie session = new Cookie("SESSION_TOKEN", token); // Noncompliant THC007
            session.setPath("/");
            session.setMaxAge(900);
            response.addCookie(session);

            String refresh = request.getHeader("X-Refresh-Token");
            if (refresh != null) {
                Cookie rc = new Cookie("REFRESH_TOKEN", refresh);
                rc.setHttpOnly(true);
                rc.setSecure(true);
                rc.setPath("/auth/refresh");
                rc.setAttribute("SameSite", "Strict");
                response.addCookie(rc);
            }
        } catch (JWTVerificationException e) {
            LOG.info("Rejected token for {} {}: {} (len={})", request.getMethod(), request.getRequestURI(),
                    e.getClass().getSimpleName(), token.length());
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(request, response);
    }

    private void authenticate(DecodedJWT jwt) {
        List<SimpleGrantedAuthority> roles = jwt.getClaim("roles").asList(String.class).stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(jwt.getSubject(), null, roles));
    }
}
