package com.acme.onboarding.kyc;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;

@SpringBootApplication
public class KycVerificationService {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(KycVerificationService.class);
        app.setDefaultProperties(Map.of("server.error.include-stacktrace", "always", "server.error.include-message", "always")); // Noncompliant THC004
        app.run(args);
    }
}

@RestController
@RequestMapping("/merchants/{merchantId}/kyc")
class KycController {

    private static final Logger log = LoggerFactory.getLogger(KycController.class);

    private final SfnClient sfn = SfnClient.create();
    private final SsmClient ssm = SsmClient.create();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String kycBase;
    private final String stateMachineArn;

    KycController(@Value("${kyc.base-url}") String kycBase, @Value("${kyc.state-machine-arn}") String stateMachineArn) {
        this.kycBase = kycBase;
        this.stateMachineArn = stateMachineArn;
    }

    private String partnerApiKey() {
        return ssm.getParameter(GetParameterRequest.builder().name("/onboarding/kyc/api-key").withDecryption(true).build())
                .parameter().value();
    }

    @PostMapping
    ResponseEntity<?> start(@PathVariable String merchantId, @RequestHeader("Authorization") String authorization,
                            @RequestBody Map<String, String> body) {
        try {
            String apiKey = partnerApiKey();
            String regNo = URLEncoder.encode(body.get("registrationNumber"), StandardCharsets.UTF_8);
            HttpRequest lookup = HttpRequest.newBuilder(URI.create(kycBase + "/companies/" + regNo + "?country=" + body.get("country") + "&api_key=" + apiKey)).GET().build(); // Noncompliant THC009
            HttpResponse<String> company = http.send(lookup, HttpResponse.BodyHandlers.ofString());

            String input = "{\"merchantId\":\"" + merchantId + "\",\"company\":" + company.body()
                    + ",\"callerAuthorization\":\"" + authorization + "\"}";
            sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(stateMachineArn).name("kyc-" + merchantId + "-" + System.currentTimeMillis()).input(input).build()); // Noncompliant THC009
            log.info("KYC workflow started for merchant {}", merchantId);
            return ResponseEntity.accepted().body(Map.of("merchantId", merchantId, "status", "pending"));
        } catch (Exception ex) {
            return ResponseEntity.status(500).body(Map.of("error", String.valueOf(ex.getMessage()), "authorization", authorization)); // Noncompliant THC003
        }
    }

    @GetMapping("/{checkId}")
    ResponseEntity<?> status(@PathVariable String merchantId, @PathVariable String checkId) {
        String correlationId = UUID.randomUUID().toString();
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(kycBase + "/checks/" + checkId + "?reference=" + merchantId))
                    .header("X-Api-Key", partnerApiKey())
                    .GET()
                    .build();
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            return ResponseEntity.status(resp.statusCode()).body(resp.body());
        } catch (Exception ex) {
            log.error("KYC status lookup failed check={} correlationId={}", checkId, correlationId, ex);
            return ResponseEntity.status(502).body(Map.of("error", "kyc_partner_unavailable", "correlationId", correlationId));
        }
    }

    /** Partner webhook: the check finished, resume the state machine waiting on the task token. */
    @PostMapping("/callback")
    ResponseEntity<?> partnerCallback(@PathVariable String merchantId, @RequestBody Map<String, String> body) {
        String output = "{\"merchantId\":\"" + merchantId + "\",\"result\":\"" + body.get("result") + "\"}";
        sfn.sendTaskSuccess(SendTaskSuccessRequest.builder().taskToken(body.get("taskToken")).output(output).build());
        log.info("KYC result {} recorded for merchant {}", body.get("result"), merchantId);
        return ResponseEntity.noContent().build();
    }
}
