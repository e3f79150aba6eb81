package com.example.shipping;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

public class LambdaHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final SecretsManagerClient SECRETS = SecretsManagerClient.create();
    private static final DynamoDbClient DDB = DynamoDbClient.builder().region(Region.EU_CENTRAL_1).build();
    private static final DynamoDbClient LEGACY_DDB = DynamoDbClient.builder() // Noncompliant THC008
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(System.getenv("LEGACY_KEY_ID"), System.getenv("LEGACY_SECRET"))))
            .region(Region.US_EAST_1)
            .build();

    static double volumetricWeight(double l, double w, double h) {
        return Math.round((l * w * h) / 5000.0 * 100.0) / 100.0;
    }

    static String zoneFor(String country) {
        switch (country == null ? "" : country.toUpperCase()) {
            case "DE": case "AT": case "CH": return "DACH";
            case "FR": case "BE": case "NL": return "WEST";
            default: return "WORLD";
        }
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("quote request " + context.getAwsRequestId() + " path=" + input.getPath());
        logger.log("event: " + input.toString()); // Noncompliant THC002

        String carrierSecret = SECRETS.getSecretValue(GetSecretValueRequest.builder().secretId("shipping/carrier-api").build()).secretString();
        List<String> countries = List.of(input.getQueryStringParameters().getOrDefault("to", "DE").split(","));
        Map<String, String> zones = countries.stream().collect(Collectors.toMap(c -> c, LambdaHandler::zoneFor, (a, b) -> a));
        zones.forEach((country, zone) -> logger.log("quoting " + country + " in " + zone + " with carrier key " + carrierSecret)); // Noncompliant THC001

        double weight = volumetricWeight(30, 20, 10);
        logger.log("carrier key length=" + carrierSecret.length() + " weight=" + weight);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withBody("{\"zones\":" + zones.size() + ",\"weight\":" + weight + "}");
    }
}
