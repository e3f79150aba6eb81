package com.example.portal.web;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.*;

@RestController
@RequestMapping("/api/auth")
public class AuthController {

    private static final Logger log = LogManager.getLogger(AuthController.class);

    private final CognitoIdentityProviderClient cognito;
    private final String clientId;
    private final SecretKey serviceKey;

    public AuthController(CognitoIdentityProviderClient cognito, PortalProperties props) {
        this.cognito = cognito;
        this.clientId = props.cognitoClientId();
        this.serviceKey = props.serviceTokenKey();
    }

    public record LoginRequest(String username, String password) {}

    @PostMapping("/login")
    public ResponseEntity<?> login(@RequestBody LoginRequest body) {
        try {
            InitiateAuthResponse out = cognito.initiateAuth(InitiateAuthRequest.builder()
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(clientId)
                    .authParameters(Map.of("USERNAME", body.username(), "PASSWORD", body.password()))
                    .build());
            AuthenticationResultType result = out.authenticationResult();
            log.info("Login succeeded for {} (expires in {}s)", body.username(), result.expiresIn());
            log.info("Issued access token {} for {}", result.accessToken(), body.username()); // Noncompliant THC001

            ResponseCookie refresh = ResponseCookie.from("refresh_token", result.refreshToken()).httpOnly(true).secure(true).sameSite("Strict").path("/api/auth/refresh").build();
            ResponseCookie access = ResponseCookie.from("access_token", result.accessToken()).path("/").maxAge(result.expiresIn()).build(); // Noncompliant THC007
            return ResponseEntity.ok()
                    .header(HttpHeaders.SET_COOKIE, refresh.toString())
                    .header(HttpHeaders.SET_COOKIE, access.toString())
                    .body(Map.of("expiresIn", result.expiresIn()));
        } catch (NotAuthorizedException e) {
            log.warn("Login failed for {}", body.username());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", "invalid credentials"));
        } catch (CognitoIdentityProviderException e) {
            String correlationId = UUID.randomUUID().toString();
            log.error("Cognito error {} correlationId={}", e.awsErrorDetails().errorCode(), correlationId);
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", "authentication unavailable", "correlationId", correlationId));
        }
    }

    @GetMapping("/service/me")
    public ResponseEntity<?> serviceMe(@RequestHeader("Authorization") String authorization) {
        String token = authorization.replaceFirst("^Bearer ", "");
        try {
            Claims claims = Jwts.parser().verifyWith(serviceKey).requireIssuer("portal").requireAudience("portal-services").build().parseSignedClaims(token).getPayload();
            return ResponseEntity.ok(Map.of("sub", claims.getSubject()));
        } catch (JwtException e) {
            log.info("Rejected service token ({} chars): {}", token.length(), e.getClass().getSimpleName());
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
    }

    @GetMapping("/introspect")
    public ResponseEntity<?> introspect(@RequestHeader("Authorization") String authorization) {
        String token = authorization.replaceFirst("^Bearer ", "");
        try {
            Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
            if (!"admin".equals(claims.get("role", String.class))) {
                return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
            }
            return ResponseEntity.ok(Map.of("sub", claims.getSubject(), "exp", claims.getExpiration()));
        } catch (RuntimeException e) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", String.valueOf(e.getMessage()), "authorization", authorization)); // Noncompliant THC003
        }
    }
}
