package com.example.metering;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;

public class MeteringClient {
    private final WebClient webClient = WebClient.create();
    private final String meteringBase = System.getenv("METERING_BASE_URL");

    // Spring's UriComponentsBuilder.queryParam puts the access token into the URL
    public Mono<String> reportUsage(String tenantId, long units, String accessToken) {
        URI uri = UriComponentsBuilder.fromUriString(meteringBase).path("/v1/usage/{tenant}").queryParam("access_token", accessToken).buildAndExpand(tenantId).toUri(); // Noncompliant
        return webClient.post().uri(uri).bodyValue(units).retrieve().bodyToMono(String.class);
    }
}
