package com.example.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

import java.util.Map;

public class LoginHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LoginHandler.class);
    private final CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.create();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("request " + context.getAwsRequestId());
        String auth = input.getHeaders().get("Authorization");
        context.getLogger().log("Authorization header: " + auth); // Noncompliant

        Map<String, String> form = parse(input.getBody());
        InitiateAuthResponse result = cognito.initiateAuth(InitiateAuthRequest.builder()
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .clientId(System.getenv("CLIENT_ID"))
                .authParameters(Map.of("USERNAME", form.get("username"), "PASSWORD", form.get("password")))
                .build());
        String idToken = result.authenticationResult().idToken();
        LOG.info("login ok, id token {}", idToken); // Noncompliant
        System.out.println("access token: " + result.authenticationResult().accessToken()); // Noncompliant
        LOG.debug("user {} logged in, expires in {}", form.get("username"), result.authenticationResult().expiresIn());
        return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("{\"ok\":true}");
    }

    private Map<String, String> parse(String body) {
        String password = body.split("&")[1];
        System.err.printf("parsed password=%s%n", password); // Noncompliant
        return Map.of();
    }
}
