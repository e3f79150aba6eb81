package ops.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.*;

public class CognitoLoginHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.create();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        AuthenticationResultType result = cognito.adminInitiateAuth(AdminInitiateAuthRequest.builder()
                .userPoolId(System.getenv("POOL_ID"))
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .build()).authenticationResult();
        String access = "ops_access=" + result.accessToken() + "; Path=/; Max-Age=" + result.expiresIn(); // Noncompliant
        String refresh = "ops_refresh=" + result.refreshToken() + "; Path=/refresh; Secure; HttpOnly; SameSite=Strict";
        String theme = "ops_theme=dark; Path=/";
        return respond(200, "{\"ok\":true}", List.of(access, refresh, theme));
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body, List<String> cookies) {
        APIGatewayV2HTTPResponse resp = new APIGatewayV2HTTPResponse();
        resp.setStatusCode(status);
        resp.setCookies(cookies);
        resp.setBody(body);
        return resp;
    }
}
