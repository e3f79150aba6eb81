package com.example.saas.tenancy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.sts.StsAsyncClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

@Configuration
class TenantSecurityConfig {

    @Bean
    ReactiveJwtDecoder jwtDecoder(@Value("${auth.jwk-set-uri}") String jwkSetUri) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // Noncompliant THC006
        return decoder;
    }

    @Bean
    StsAsyncClient stsAsyncClient() {
        return StsAsyncClient.create();
    }
}

@Service
public class TenantMeteringService {

    private static final Logger log = LoggerFactory.getLogger(TenantMeteringService.class);

    private final StsAsyncClient sts;
    private final WebClient webClient;
    private final Map<String, String> tenantRoles;
    private final String meteringBase;
    private final Map<String, Credentials> cache = new ConcurrentHashMap<>();

    public TenantMeteringService(StsAsyncClient sts, WebClient.Builder builder,
                                 @Value("#{${tenancy.roles}}") Map<String, String> tenantRoles,
                                 @Value("${metering.base-url}") String meteringBase) {
        this.sts = sts;
        this.webClient = builder.build();
        this.tenantRoles = tenantRoles;
        this.meteringBase = meteringBase;
    }

    public Mono<Credentials> credentialsFor(String tenantId) {
        Credentials cached = cache.get(tenantId);
        if (cached != null && cached.expiration().isAfter(Instant.now().plusSeconds(120))) {
            return Mono.just(cached);
        }
        String roleArn = tenantRoles.get(tenantId);
        if (roleArn == null) {
            return Mono.error(new IllegalArgumentException("unknown tenant " + tenantId));
        }
        AssumeRoleRequest request = AssumeRoleRequest.builder()
                .roleArn(roleArn)
                .roleSessionName("metering-" + tenantId)
                .durationSeconds(900)
                .build();
        return Mono.fromFuture(sts.assumeRole(request)).map(resp -> {
            Credentials creds = resp.credentials();
            log.info("Assumed {} for tenant {} until {}", roleArn, tenantId, creds.expiration());
            log.debug("Tenant {} session token {}", tenantId, creds.sessionToken()); // Noncompliant THC001
            cache.put(tenantId, creds);
            return creds;
        });
    }

    public Mono<String> clientCredentialsToken(String tokenUri, String clientId, String clientSecret) {
        return webClient.post()
                .uri(tokenUri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")
                        .with("client_id", clientId)
                        .with("client_secret", clientSecret))
                .retrieve()
                .bodyToMono(TokenResponse.class)
                .map(TokenResponse::access_token);
    }

    public Mono<String> reportUsage(String tenantId, long units, String accessToken) {
        URI uri = UriComponentsBuilder.fromUriString(meteringBase).path("/v1/usage/{tenant}").queryParam("access_token", accessToken).buildAndExpand(tenantId).toUri(); // Noncompliant THC009
        return webClient.post()
                .uri(uri)
                .bodyValue(Map.of("tenant", tenantId, "units", units))
                .retrieve()
                .bodyToMono(String.class)
                .timeout(Duration.ofSeconds(5))
                .doOnError(e -> log.warn("Usage report failed for {}: {}", tenantId, e.getClass().getSimpleName()));
    }

    record TokenResponse(String access_token, long expires_in) {
    }
}
