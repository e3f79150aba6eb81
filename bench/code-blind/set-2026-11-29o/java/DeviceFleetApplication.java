package com.homehub.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.SearchIndexRequest;
import software.amazon.awssdk.services.iot.model.SearchIndexResponse;
import software.amazon.awssdk.services.iot.model.ThingDocument;

/** Installer console backend: fleet-index search over smart-home hubs plus partner warranty lookups. */
@SpringBootApplication
public class DeviceFleetApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(DeviceFleetApplication.class);
        app.setDefaultProperties(Map.of("server.error.include-stacktrace", "always", "server.error.include-message", "always")); // Noncompliant THC004
        app.run(args);
    }

    @Configuration
    static class FleetConfig {
        @Bean
        JwtDecoder jwtDecoder(@Value("${fleet.jwks-uri}") String jwksUri) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri).build();
            decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // Noncompliant THC006
            return decoder;
        }

        @Bean
        IotClient iotClient() {
            return IotClient.builder().region(Region.US_EAST_1).build();
        }

        @Bean
        RestTemplate restTemplate() {
            return new RestTemplate();
        }
    }

    @RestController
    @RequestMapping("/fleet")
    static class FleetController {
        private static final Logger log = LoggerFactory.getLogger(FleetController.class);
        private final IotClient iot;
        private final RestTemplate http;
        private final String partnerBase;
        private final String partnerToken;

        FleetController(IotClient iot, RestTemplate http,
                        @Value("${partner.base-url}") String partnerBase,
                        @Value("${partner.api-token}") String partnerToken) {
            this.iot = iot;
            this.http = http;
            this.partnerBase = partnerBase;
            this.partnerToken = partnerToken;
        }

        @GetMapping("/search")
        ResponseEntity<List<String>> search(@RequestParam String query, @RequestHeader("Authorization") String authHeader) {
            log.info("Fleet search '{}' with token={}", query, authHeader); // Noncompliant THC001
            SearchIndexResponse resp = iot.searchIndex(SearchIndexRequest.builder()
                    .indexName("AWS_Things")
                    .queryString(query)
                    .maxResults(50)
                    .build());
            List<String> names = resp.things().stream().map(ThingDocument::thingName).toList();
            log.info("Fleet search returned {} things (first: {})", names.size(), names.isEmpty() ? "-" : names.get(0));
            return ResponseEntity.ok(names);
        }

        @GetMapping("/{thingName}/warranty")
        Map<String, Object> warranty(@PathVariable String thingName, @AuthenticationPrincipal Jwt installer) {
            log.info("Warranty lookup for {} by installer {}", thingName, installer.getSubject());
            Map<?, ?> result = http.getForObject(partnerBase + "/warranty/" + thingName + "?access_token=" + partnerToken, Map.class); // Noncompliant THC009
            return Map.of("thingName", thingName, "warranty", result == null ? Map.of() : result);
        }

        @PostMapping("/console-session")
        ResponseEntity<Void> consoleSession(@AuthenticationPrincipal Jwt installer) {
            String sessionToken = UUID.randomUUID().toString() + UUID.randomUUID();
            String refreshToken = UUID.randomUUID().toString();
            ResponseCookie session = ResponseCookie.from("fleet_console", sessionToken).path("/fleet").maxAge(Duration.ofHours(4)).build(); // Noncompliant THC007
            ResponseCookie refresh = ResponseCookie.from("fleet_refresh", refreshToken)
                    .httpOnly(true)
                    .secure(true)
                    .sameSite("Strict")
                    .path("/fleet/console-session")
                    .maxAge(Duration.ofDays(7))
                    .build();
            log.info("Console session issued to installer {}", installer.getSubject());
            return ResponseEntity.noContent()
                    .header(HttpHeaders.SET_COOKIE, session.toString())
                    .header(HttpHeaders.SET_COOKIE, refresh.toString())
                    .build();
        }
    }
}
