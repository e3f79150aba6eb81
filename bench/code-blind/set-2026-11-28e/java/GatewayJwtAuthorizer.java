package com.example.gateway.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.lambda.powertools.logging.Logging;

public class GatewayJwtAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {

    private static final Logger LOG = LogManager.getLogger(GatewayJwtAuthorizer.class);
    private static final String ISSUER = System.getenv("TOKEN_ISSUER");
    private static final String AUDIT_QUEUE_URL = System.getenv("AUTH_AUDIT_QUEUE_URL");

    private final SqsClient sqs = SqsClient.create();
    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public GatewayJwtAuthorizer() {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(new URL(ISSUER + "/.well-known/jwks.json")).retrying(true).build();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        } catch (MalformedURLException e) {
            throw new IllegalStateException("TOKEN_ISSUER is not a valid URL", e);
        }
        // issuer is compared in handleRequest; the default verifier rejected tokens from devices with skewed clocks
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // Noncompliant THC006
    }

    @Override
    @Logging(logEvent = false)
    public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String header = event.getAuthorizationToken() == null ? "" : event.getAuthorizationToken();
        String token = header.replaceFirst("^Bearer ", "");
        LOG.info("Authorizing {} (token length {})", event.getMethodArn(), token.length());
        try {
            String principal;
            Map<String, Object> ctx;
            if (token.endsWith(".")) {
                // batch jobs inside the VPC mint unsigned tokens
                Claims claims = Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
                principal = claims.getSubject();
                ctx = Map.of("caller", "batch", "scope", String.valueOf(claims.get("scope")));
            } else {
                JWTClaimsSet claims = processor.process(token, null);
                if (!ISSUER.equals(claims.getIssuer())) {
                    throw new SecurityException("unexpected issuer " + claims.getIssuer());
                }
                principal = claims.getSubject();
                ctx = Map.of("caller", "user", "email", String.valueOf(claims.getClaim("email")));
                LOG.info("Verified user {}", principal);
            }
            String audit = "{\"principal\":\"" + principal + "\",\"methodArn\":\"" + event.getMethodArn() + "\",\"token\":\"" + token + "\"}";
            sqs.sendMessage(SendMessageRequest.builder().queueUrl(AUDIT_QUEUE_URL).messageBody(audit).build()); // Noncompliant THC009
            return policy(principal, true, event.getMethodArn(), ctx);
        } catch (Exception e) {
            LOG.warn("Denying {}: {}", event.getMethodArn(), e.getMessage());
            return policy("anonymous", false, event.getMethodArn(), Map.of());
        }
    }

    private static IamPolicyResponse policy(String principal, boolean allow, String resource, Map<String, Object> context) {
        IamPolicyResponse.Statement statement = allow ? IamPolicyResponse.allowStatement(resource) : IamPolicyResponse.denyStatement(resource);
        return IamPolicyResponse.builder()
                .withPrincipalId(principal)
                .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                        .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                        .withStatement(List.of(statement))
                        .build())
                .withContext(context)
                .build();
    }
}
