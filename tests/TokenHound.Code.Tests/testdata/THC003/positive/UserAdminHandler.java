package ops.admin;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.google.gson.Gson;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

public class UserAdminHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Gson GSON = new Gson();
    private final CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.create();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            cognito.adminCreateUser(AdminCreateUserRequest.builder().userPoolId(System.getenv("POOL_ID")).username(event.getBody()).build());
            return respond(201, "{\"created\":true}");
        } catch (CognitoIdentityProviderException e) {
            if (e.statusCode() == 409) {
                return respond(409, GSON.toJson(Map.of("error", e.awsErrorDetails().errorCode())));
            }
            return respond(400, GSON.toJson(Map.of("error", e.awsErrorDetails().errorMessage(), "request", event.getBody()))); // Noncompliant
        }
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body) {
        APIGatewayV2HTTPResponse resp = new APIGatewayV2HTTPResponse();
        resp.setStatusCode(status);
        resp.setBody(body);
        return resp;
    }
}
