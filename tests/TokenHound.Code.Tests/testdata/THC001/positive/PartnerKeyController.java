package partner.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;

@RestController
@RequestMapping("/partners/{partnerId}/keys")
public class PartnerKeyController {
    private static final Logger log = LoggerFactory.getLogger(PartnerKeyController.class);
    private final ApiGatewayClient apigw;

    public PartnerKeyController(ApiGatewayClient apigw) {
        this.apigw = apigw;
    }

    @PostMapping
    public ResponseEntity<?> create(@PathVariable String partnerId) {
        CreateApiKeyResponse key = apigw.createApiKey(CreateApiKeyRequest.builder().name("partner-" + partnerId).enabled(true).build());
        log.info("Issued key id={} name={} for partner {}", key.id(), key.name(), partnerId);
        log.debug("Issued key value {} for partner {}", key.value(), partnerId); // Noncompliant
        return ResponseEntity.ok(java.util.Map.of("keyId", key.id()));
    }
}
