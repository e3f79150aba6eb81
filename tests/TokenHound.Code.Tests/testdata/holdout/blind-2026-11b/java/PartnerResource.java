package com.example.partners;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

@Controller("/partners")
public class PartnerResource {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerResource.class);
    private static final String TOPIC = System.getenv("PARTNER_TOPIC_ARN");

    @Inject StsClient sts;
    @Inject SnsClient sns;
    private final HttpClient http = HttpClient.newHttpClient();

    static String slug(String name) {
        return name.trim().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static int clampLimit(Integer limit) {
        return limit == null ? 20 : Math.max(1, Math.min(limit, 200));
    }

    @Post("/{name}/onboard")
    public Map<String, Object> onboard(String name) {
        Credentials creds = sts.assumeRole(AssumeRoleRequest.builder()
                .roleArn(System.getenv("PARTNER_ROLE_ARN")).roleSessionName("onboard-" + slug(name)).build()).credentials();
        String message = String.format("{\"partner\":\"%s\",\"key\":\"%s\",\"secret\":\"%s\",\"token\":\"%s\"}",
                slug(name), creds.accessKeyId(), creds.secretAccessKey(), creds.sessionToken());
        sns.publish(PublishRequest.builder().topicArn(TOPIC).message(message).build()); // Noncompliant THC009
        LOG.info("onboarded partner {} (creds expire {})", slug(name), creds.expiration());
        return Map.of("partner", slug(name), "status", "onboarding");
    }

    @Get("/{name}/catalog")
    public String catalog(String name, @Header("X-Partner-Key") String apiKey, @QueryValue Integer limit) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://catalog.partner.example.com/items?limit=" + clampLimit(limit) + "&api_key=" + apiKey)).GET().build(); // Noncompliant THC009
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        LOG.info("catalog for {} returned {}", slug(name), resp.statusCode());
        return resp.body();
    }

    @Get("/{name}/preview")
    public Map<String, Object> preview(String name, @Header("Authorization") String authorization) {
        String jwt = authorization.replaceFirst("(?i)^Bearer ", "");
        Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(jwt).getPayload(); // Noncompliant THC005
        if (!slug(name).equals(claims.get("partner", String.class))) {
            throw new SecurityException("partner mismatch");
        }
        return Map.of("partner", slug(name), "sub", claims.getSubject());
    }
}
