package com.example.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class PartnerTokenExchange {
    private static final Logger log = LoggerFactory.getLogger(PartnerTokenExchange.class);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    public JsonNode exchange(String tenantId, String form, String tokenUrl) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode tokenResponse = mapper.readTree(resp.body());
        log.debug("token endpoint answered for {}: {}", tenantId, tokenResponse); // Noncompliant THC001
        log.info("token for {} expires in {}s", tenantId, tokenResponse.path("expires_in").asInt());
        log.info("token request for {} returned status {}", tenantId, resp.statusCode());
        return tokenResponse;
    }
}
