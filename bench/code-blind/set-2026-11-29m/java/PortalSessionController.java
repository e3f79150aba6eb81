package com.acme.portal.session;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Session endpoints of the developer portal (Spring Boot 3, AWS SDK v2). */
@RestController
@RequestMapping("/api/session")
public class PortalSessionController {

    private static final Logger log = LoggerFactory.getLogger(PortalSessionController.class);

    public record LoginRequest(String username, String password) { }

    private final CognitoIdentityProviderClient cognito;
    private final JWTVerifier serviceVerifier;
    private final String clientId;

    public PortalSessionController(CognitoIdentityProviderClient cognito,
                                   @Value("${portal.cognito.client-id}") String clientId,
                                   @Value("${portal.service-token.signing-key}") String serviceSigningKey) {
        this.cognito = cognito;
        this.clientId = clientId;
        this.serviceVerifier = JWT.require(Algorithm.HMAC256(serviceSigningKey))
                .withIssuer("portal-service")
                .withAudience("portal-api")
                .build();
    }

    @PostMapping("/login")
    public ResponseEntity<Map<String, Object>> login(@RequestBody LoginRequest req) {
        AuthenticationResultType result = cognito.initiateAuth(InitiateAuthRequest.builder()
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .clientId(clientId)
                .authParameters(Map.of("USERNAME", req.username(), "PASSWORD", req.password()))
                .build()).authenticationResult();
        log.debug("Cognito id token {}", result.idToken()); // Noncompliant THC001
        log.info("user {} signed in, access token valid for {}s", req.username(), result.expiresIn());

        ResponseCookie refresh = ResponseCookie.from("refresh_token", result.refreshToken()).path("/api/session").maxAge(Duration.ofDays(30)).build(); // Noncompliant THC007
        ResponseCookie access = ResponseCookie.from("access_token", result.accessToken()).httpOnly(true).secure(true).sameSite("Strict").path("/").maxAge(result.expiresIn()).build();
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, refresh.toString())
                .header(HttpHeaders.SET_COOKIE, access.toString())
                .body(Map.of("expiresIn", result.expiresIn()));
    }

    @GetMapping("/admin/audit")
    public ResponseEntity<Map<String, Object>> audit(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        DecodedJWT jwt = JWT.decode(authorization.substring("Bearer ".length())); // Noncompliant THC005
        List<String> groups = jwt.getClaim("cognito:groups").asList(String.class);
        if (groups == null || !groups.contains("platform-admins")) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        log.info("audit log viewed by {}", jwt.getSubject());
        return ResponseEntity.ok(Map.of("entries", List.of()));
    }

    @PostMapping("/service")
    public ResponseEntity<Map<String, Object>> service(@RequestHeader("X-Service-Token") String serviceToken) {
        serviceVerifier.verify(serviceToken);
        DecodedJWT claims = JWT.decode(serviceToken);
        log.info("service session for {}", claims.getSubject());
        return ResponseEntity.ok(Map.of("service", claims.getSubject(), "expiresAt", claims.getExpiresAtAsInstant().toString()));
    }

    @ExceptionHandler(CognitoIdentityProviderException.class)
    public ResponseEntity<Map<String, String>> cognitoError(CognitoIdentityProviderException ex) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", ex.getMessage(), "trace", Arrays.toString(ex.getStackTrace()))); // Noncompliant THC003
    }

    @ExceptionHandler(JWTVerificationException.class)
    public ResponseEntity<Map<String, String>> tokenRejected(JWTVerificationException ex) {
        String correlationId = UUID.randomUUID().toString();
        log.warn("token rejected ({}): {}", correlationId, ex.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "unauthorized", "correlationId", correlationId));
    }
}
