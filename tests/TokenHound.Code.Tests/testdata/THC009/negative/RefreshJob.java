package com.example.partner;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class RefreshJob {
    private final HttpClient http = HttpClient.newHttpClient();

    // an OAuth refresh request: the refresh token travels in the POSTed form body, not in a URL
    public String refresh(String tokenUrl, String refreshToken) throws Exception {
        HttpRequest tokenRequest = HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken))
                .build();
        return http.send(tokenRequest, HttpResponse.BodyHandlers.ofString()).body();
    }
}
