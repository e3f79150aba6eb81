package com.example.platform.useradmin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.Gson;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminResetUserPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

public class CognitoAdminHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Gson GSON = new Gson();

    private final CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.create();
    private final String poolId = System.getenv("USER_POOL_ID");
    private final String clientId = System.getenv("ADMIN_CLIENT_ID");

    static final class LoginBody { String username; String password; }
    static final class ResetBody { String username; }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("request " + context.getAwsRequestId() + " route " + event.getRouteKey());
        logger.log("event: " + GSON.toJson(event)); // Noncompliant THC002
        try {
            switch (event.getRouteKey()) {
                case "POST /admin/token":
                    return issueToken(event, logger);
                case "POST /admin/users/reset":
                    return resetPassword(event, logger, context);
                default:
                    return respond(404, "{\"error\":\"not found\"}", List.of());
            }
        } catch (CognitoIdentityProviderException e) {
            return respond(400, GSON.toJson(Map.of("error", e.awsErrorDetails().errorMessage(), "request", event.getBody())), List.of()); // Noncompliant THC003
        } catch (RuntimeException e) {
            String ref = context.getAwsRequestId();
            logger.log("unhandled error ref=" + ref + " type=" + e.getClass().getSimpleName());
            return respond(500, "{\"error\":\"internal error\",\"ref\":\"" + ref + "\"}", List.of());
        }
    }

    private APIGatewayV2HTTPResponse issueToken(APIGatewayV2HTTPEvent event, LambdaLogger logger) {
        LoginBody body = GSON.fromJson(event.getBody(), LoginBody.class);
        AuthenticationResultType result = cognito.adminInitiateAuth(AdminInitiateAuthRequest.builder()
                .userPoolId(poolId)
                .clientId(clientId)
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", body.username, "PASSWORD", body.password))
                .build()).authenticationResult();
        logger.log("admin access token for " + body.username + ": " + result.accessToken()); // Noncompliant THC001
        logger.log("admin login ok for " + body.username + ", expires in " + result.expiresIn() + "s");

        String session = "admin_session=" + result.accessToken() + "; Path=/admin; Max-Age=" + result.expiresIn(); // Noncompliant THC007
        String refresh = "admin_refresh=" + result.refreshToken() + "; Path=/admin/refresh; Secure; HttpOnly; SameSite=Strict";
        return respond(200, GSON.toJson(Map.of("expiresIn", result.expiresIn())), List.of(session, refresh));
    }

    private APIGatewayV2HTTPResponse resetPassword(APIGatewayV2HTTPEvent event, LambdaLogger logger, Context context) {
        ResetBody body = GSON.fromJson(event.getBody(), ResetBody.class);
        cognito.adminResetUserPassword(AdminResetUserPasswordRequest.builder().userPoolId(poolId).username(body.username).build());
        logger.log("password reset for " + body.username + " request " + context.getAwsRequestId());
        return respond(202, "{\"status\":\"reset-sent\"}", List.of());
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body, List<String> cookies) {
        APIGatewayV2HTTPResponse resp = new APIGatewayV2HTTPResponse();
        resp.setStatusCode(status);
        resp.setHeaders(Map.of("Content-Type", "application/json", "Cache-Control", "no-store"));
        resp.setCookies(cookies);
        resp.setBody(body);
        return resp;
    }
}
