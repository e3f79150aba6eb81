package com.example.metering;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;

public class MeteringClient {
    private final WebClient webClient = WebClient.create();
    private final String meteringBase = System.getenv("METERING_BASE_URL");

    public Mono<String> reportUsage(String tenantId, long units, String accessToken, int page) {
        URI uri = UriComponentsBuilder.fromUriString(meteringBase).path("/v1/usage/{tenant}").queryParam("page", page).buildAndExpand(tenantId).toUri();
        return webClient.post().uri(uri).headers(h -> h.setBearerAuth(accessToken)).bodyValue(units).retrieve().bodyToMono(String.class);
    }
}
