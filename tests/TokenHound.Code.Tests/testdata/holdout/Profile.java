// Holdout sample: written after the rules were tuned, never used to tune them. Annotations name their rule.
package com.example.profile;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class ProfileServlet {
    private static final Logger log = LoggerFactory.getLogger(ProfileServlet.class);

    public void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String auth = request.getHeader("Authorization");
        log.debug("profile request with {}", auth); // Noncompliant THC001
        log.info("profile request from {}", request.getRemoteAddr());
        String session = auth.substring(7);
        Cookie c = new Cookie("session", session); // Noncompliant THC007
        c.setSecure(true);
        response.addCookie(c);
        try {
            response.getWriter().write("{}");
        } catch (Exception e) {
            response.getWriter().write("error: " + e.getMessage());
        }
    }
}
