package com.example.utility.billing;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBClientBuilder;
import com.amazonaws.services.dynamodbv2.model.AttributeValue;
import com.amazonaws.services.dynamodbv2.model.GetItemRequest;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;

import java.util.Arrays;
import java.util.Map;

/**
 * Returns the current-cycle bill estimate for a smart meter. Tariff tables live
 * in a shared S3 bucket owned by the rating team; meter profiles in DynamoDB.
 */
public class MeterBillingHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final String TARIFF_BUCKET = System.getenv().getOrDefault("TARIFF_BUCKET", "rating-tariffs");
    private static final String METER_TABLE = System.getenv().getOrDefault("METER_TABLE", "meter-profiles");

    private final AmazonDynamoDB dynamo = AmazonDynamoDBClientBuilder.defaultClient();
    private final AmazonS3 tariffs = AmazonS3ClientBuilder.standard() // Noncompliant THC008
            .withRegion("eu-west-1")
            .withCredentials(new AWSStaticCredentialsProvider(
                    new BasicAWSCredentials(System.getenv("TARIFF_READER_KEY"), System.getenv("TARIFF_READER_SECRET"))))
            .build();

    private static APIGatewayProxyResponseEvent json(int status, String body) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(body);
    }

    private double tariffRate(String tariffCode) {
        String csv = tariffs.getObjectAsString(TARIFF_BUCKET, "current/" + tariffCode + ".csv");
        return Double.parseDouble(csv.split("\n")[1].split(",")[1]);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context context) {
        LambdaLogger logger = context.getLogger();
        logger.log("bill estimate request: " + input); // Noncompliant THC002

        Map<String, String> path = input.getPathParameters();
        String meterId = path == null ? null : path.get("meterId");
        if (meterId == null || meterId.isBlank()) {
            return json(400, "{\"message\":\"meterId required\"}");
        }

        String apiKey = input.getHeaders() == null ? null : input.getHeaders().get("x-api-key");
        String callerKey = apiKey;
        logger.log("estimate for meter " + meterId + " requested with api key " + callerKey); // Noncompliant THC001

        try {
            Map<String, AttributeValue> item = dynamo.getItem(new GetItemRequest()
                    .withTableName(METER_TABLE)
                    .withKey(Map.of("meterId", new AttributeValue(meterId)))).getItem();
            if (item == null) {
                logger.log("unknown meter " + meterId);
                return json(404, "{\"message\":\"meter not found\"}");
            }
            double kwh = Double.parseDouble(item.get("cycleKwh").getN());
            double rate = tariffRate(item.get("tariffCode").getS());
            logger.log(String.format("meter %s cycle kWh %.2f rate %.4f", meterId, kwh, rate));
            return json(200, String.format("{\"meterId\":\"%s\",\"estimate\":%.2f}", meterId, kwh * rate));
        } catch (NumberFormatException e) {
            logger.log("bad tariff data for meter " + meterId + ": " + e.getClass().getSimpleName());
            return json(500, "{\"message\":\"internal error\",\"requestId\":\"" + context.getAwsRequestId() + "\"}");
        } catch (RuntimeException e) {
            return json(500, "{\"error\":\"" + e + "\",\"trace\":\"" + Arrays.toString(e.getStackTrace()) + "\"}"); // Noncompliant THC003
        }
    }
}
