package com.example.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

// A token cookie created and added in one go can never get HttpOnly or Secure.
public class SessionCookies {
    public void issue(HttpServletResponse servletResponse, String token) {
        servletResponse.addCookie(new Cookie("session_token", token)); // Noncompliant
        servletResponse.addCookie(new Cookie("theme", "dark"));
    }
}
