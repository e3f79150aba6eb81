package com.example.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseCookie;

public class LoginServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        String jwt = issue(req.getParameter("user"));
        Cookie cookie = new Cookie("jwt", jwt);
        cookie.setHttpOnly(true);
        cookie.setSecure(true);
        cookie.setPath("/");
        resp.addCookie(cookie);

        ResponseCookie refresh = ResponseCookie.from("refresh_token", jwt)
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .build();
        resp.addHeader("Set-Cookie", refresh.toString());
        Cookie theme = new Cookie("theme", "dark");
        resp.addCookie(theme);
    }

    private String issue(String user) {
        return user;
    }
}
