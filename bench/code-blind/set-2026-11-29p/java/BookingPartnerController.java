package com.example.travel.partners;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

@SpringBootApplication
class BookingPartnerApplication {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(BookingPartnerApplication.class);
        app.setDefaultProperties(Map.of("server.error.include-stacktrace", "always", "server.error.include-message", "always")); // Noncompliant THC004
        app.run(args);
    }
}

/** Airline partner connector: availability search and seat holds against the partner GDS. */
@RestController
public class BookingPartnerController {

    private static final Logger log = LogManager.getLogger(BookingPartnerController.class);

    private final RestTemplate rest = new RestTemplate();
    private final JWTVerifier agencyVerifier;
    private final String gdsBaseUrl;
    private final PartnerTokenService partnerTokens;

    public BookingPartnerController(@Value("${agency.jwt.secret}") String agencySecret,
                                    @Value("${gds.base-url}") String gdsBaseUrl,
                                    PartnerTokenService partnerTokens) {
        this.agencyVerifier = JWT.require(Algorithm.HMAC256(agencySecret)).withIssuer("agency-portal").withAudience("partner-connector").build();
        this.gdsBaseUrl = gdsBaseUrl;
        this.partnerTokens = partnerTokens;
    }

    @PostMapping("/partner/session")
    public ResponseEntity<Map<String, Object>> openSession(@RequestHeader("Authorization") String authorization) {
        DecodedJWT agent = agencyVerifier.verify(authorization.replace("Bearer ", ""));
        String token = partnerTokens.sessionFor(agent.getSubject());
        ResponseCookie partnerCookie = ResponseCookie.from("gds_partner_token", token).path("/partner").maxAge(Duration.ofMinutes(20)).build(); // Noncompliant THC007
        ResponseCookie prefs = ResponseCookie.from("agent_session", partnerTokens.agentSession(agent.getSubject())).httpOnly(true).secure(true).sameSite("Strict").path("/").build();
        log.info("Partner session opened for agent {}", agent.getSubject());
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, partnerCookie.toString())
                .header(HttpHeaders.SET_COOKIE, prefs.toString())
                .body(Map.of("agent", agent.getSubject(), "expiresIn", 1200));
    }

    @GetMapping("/partner/availability")
    public ResponseEntity<?> availability(@RequestHeader("Authorization") String authorization,
                                          @RequestParam String origin,
                                          @RequestParam String destination,
                                          @RequestParam String date) {
        DecodedJWT agent = JWT.decode(authorization.replace("Bearer ", "")); // Noncompliant THC005
        if (!agent.getClaim("scopes").asList(String.class).contains("search")) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "search scope required"));
        }
        String partnerToken = partnerTokens.sessionFor(agent.getSubject());
        String url = gdsBaseUrl + "/v3/availability?origin=" + origin + "&destination=" + destination + "&date=" + date;
        Map<?, ?> offers = rest.getForObject(url + "&access_token=" + partnerToken, Map.class); // Noncompliant THC009
        log.debug("Availability {}-{} on {}: {} offers", origin, destination, date, offers == null ? 0 : offers.size());
        return ResponseEntity.ok(offers);
    }

    @PostMapping("/partner/holds")
    public ResponseEntity<?> hold(@RequestHeader("Authorization") String authorization, @RequestParam String offerId) {
        String raw = authorization.replace("Bearer ", "");
        agencyVerifier.verify(raw);
        DecodedJWT agent = JWT.decode(raw);
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(partnerTokens.sessionFor(agent.getSubject()));
        ResponseEntity<Map> held = rest.exchange(gdsBaseUrl + "/v3/offers/" + offerId + "/hold", HttpMethod.POST, new HttpEntity<>(headers), Map.class);
        Object pnr = held.getBody() == null ? null : held.getBody().get("recordLocator");
        log.info("Offer {} held as PNR {} for agent {}", offerId, pnr, agent.getSubject());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("recordLocator", String.valueOf(pnr)));
    }

    interface PartnerTokenService {
        String sessionFor(String agentId);

        String agentSession(String agentId);

        List<String> activeAgents();
    }
}
