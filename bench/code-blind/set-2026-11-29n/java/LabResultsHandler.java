package org.examplehealth.labs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Lab result release endpoint: a clinician releases a result and the patient is notified. */
public class LabResultsHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final String TOPIC_ARN = System.getenv("RESULT_RELEASED_TOPIC_ARN");
    private static final String LIS_SECRET_ARN = System.getenv("LIS_SECRET_ARN");

    private final SecretsManagerClient secrets = SecretsManagerClient.create();
    private final SnsClient sns = SnsClient.builder() // Noncompliant THC008
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAZ7FAKEW5PB3LN6QD", "FAKEsnsPublisherSecret0000FAKE00000000")))
            .build();

    private static String sha256Prefix(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String lisPassword(LambdaLogger logger) {
        GetSecretValueResponse secret = secrets.getSecretValue(r -> r.secretId(LIS_SECRET_ARN));
        logger.log("Fetched LIS secret " + secret.arn() + " version " + secret.versionId());
        String password = secret.secretString();
        if (password.length() < 16) {
            System.out.println("LIS secret looks truncated, raw value: [" + password + "]"); // Noncompliant THC001
        }
        return password;
    }

    private APIGatewayProxyResponseEvent respond(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("Release request: " + input); // Noncompliant THC002

        Map<String, String> headers = input.getHeaders() == null ? Map.of() : input.getHeaders();
        String authorization = headers.getOrDefault("Authorization", "");
        if (!authorization.startsWith("Bearer ")) {
            return respond(401, "{\"message\":\"Unauthorized\"}");
        }
        String bearer = authorization.substring(7);
        String resultId = input.getPathParameters() == null ? null : input.getPathParameters().get("resultId");
        logger.log("Release of result " + resultId + " by token " + sha256Prefix(bearer) + ", request " + context.getAwsRequestId());

        String password = lisPassword(logger);
        String lisSessionToken = LisSessionClient.open("lis-gateway.internal", "release-svc", password);

        String message = String.format("{\"resultId\":\"%s\",\"lisSessionToken\":\"%s\"}", resultId, lisSessionToken);
        sns.publish(PublishRequest.builder().topicArn(TOPIC_ARN).message(message).build()); // Noncompliant THC009
        sns.publish(PublishRequest.builder().topicArn(TOPIC_ARN + "-audit").message("{\"resultId\":\"" + resultId + "\"}").build());

        return respond(202, "{\"resultId\":\"" + resultId + "\",\"status\":\"released\"}");
    }

    /** Thin wrapper over the lab information system's login API (non-AWS credential). */
    static final class LisSessionClient {
        static String open(String host, String user, String password) {
            return "lis-" + Integer.toHexString((host + user + password).hashCode());
        }
    }
}
