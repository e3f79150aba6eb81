package com.example.fleet.ingest;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.STSAssumeRoleSessionCredentialsProvider;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.lambda.AWSLambda;
import com.amazonaws.services.lambda.AWSLambdaClientBuilder;
import com.amazonaws.services.lambda.model.InvocationType;
import com.amazonaws.services.lambda.model.InvokeRequest;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.securitytoken.AWSSecurityTokenService;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import com.amazonaws.services.securitytoken.model.AssumeRoleRequest;
import com.amazonaws.services.securitytoken.model.Credentials;
import com.amazonaws.services.stepfunctions.AWSStepFunctions;
import com.amazonaws.services.stepfunctions.AWSStepFunctionsClientBuilder;
import com.amazonaws.services.stepfunctions.model.SendTaskSuccessRequest;
import com.amazonaws.services.stepfunctions.model.StartExecutionRequest;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Kinesis consumer for vehicle fault codes. Critical faults start the breakdown-recovery
 * workflow and ask the roadside-assistance partner Lambda to dispatch a tow truck.
 */
public class FleetIngestHandler implements RequestHandler<KinesisEvent, String> {

    private static final Gson GSON = new Gson();
    private static final String RECOVERY_STATE_MACHINE = System.getenv("RECOVERY_STATE_MACHINE_ARN");
    private static final String PARTNER_ROLE_ARN = System.getenv("ROADSIDE_PARTNER_ROLE_ARN");
    private static final String VENDOR_TOKEN = System.getenv("TELEMATICS_VENDOR_TOKEN");

    // Fault archive bucket belongs to the telematics vendor's account.
    private final AmazonS3 archive = AmazonS3ClientBuilder.standard().withRegion(Regions.EU_WEST_1).withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAZ7FAKEV5NJ3HQ7CA", "FAKEsecretTelematicsVendor00000000000000"))).build(); // Noncompliant THC008
    private final AWSSecurityTokenService sts = AWSSecurityTokenServiceClientBuilder.defaultClient();
    private final AWSStepFunctions sfn = AWSStepFunctionsClientBuilder.standard()
            .withCredentials(new STSAssumeRoleSessionCredentialsProvider.Builder(System.getenv("RECOVERY_ROLE_ARN"), "fleet-ingest").build())
            .build();
    private final AWSLambda lambda = AWSLambdaClientBuilder.defaultClient();

    @Override
    public String handleRequest(KinesisEvent event, Context context) {
        int critical = 0;
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            String json = StandardCharsets.UTF_8.decode(record.getKinesis().getData()).toString();
            JsonObject fault = GSON.fromJson(json, JsonObject.class);
            String vin = fault.get("vin").getAsString();

            if (fault.has("taskToken")) {
                sfn.sendTaskSuccess(new SendTaskSuccessRequest().withTaskToken(fault.get("taskToken").getAsString()).withOutput(GSON.toJson(Map.of("vin", vin, "status", "RECOVERED"))));
                continue;
            }

            archive.putObject("fleet-fault-archive", "faults/" + vin + "/" + record.getKinesis().getSequenceNumber() + ".json", json);
            if (!"CRITICAL".equals(fault.get("severity").getAsString())) {
                continue;
            }
            critical++;
            context.getLogger().log("Critical fault " + fault.get("code").getAsString() + " on " + vin + " seq " + record.getKinesis().getSequenceNumber());

            String input = "{\"vin\":\"" + vin + "\",\"code\":\"" + fault.get("code").getAsString() + "\",\"vendorToken\":\"" + VENDOR_TOKEN + "\"}";
            sfn.startExecution(new StartExecutionRequest().withStateMachineArn(RECOVERY_STATE_MACHINE).withName("recovery-" + vin + "-" + System.currentTimeMillis()).withInput(input)); // Noncompliant THC009

            dispatchRoadside(vin, fault, context);
        }
        return "processed=" + event.getRecords().size() + ",critical=" + critical;
    }

    private void dispatchRoadside(String vin, JsonObject fault, Context context) {
        Credentials partnerCreds = sts.assumeRole(new AssumeRoleRequest()
                .withRoleArn(PARTNER_ROLE_ARN)
                .withRoleSessionName("roadside-" + vin)
                .withDurationSeconds(900)).getCredentials();
        context.getLogger().log("Assumed partner role, session expires " + partnerCreds.getExpiration());

        JsonObject payload = new JsonObject();
        payload.addProperty("vin", vin);
        payload.add("location", fault.get("location"));
        payload.addProperty("accessKeyId", partnerCreds.getAccessKeyId());
        payload.addProperty("secretAccessKey", partnerCreds.getSecretAccessKey());
        payload.addProperty("sessionToken", partnerCreds.getSessionToken());

        lambda.invoke(new InvokeRequest().withFunctionName("roadside-partner-dispatch").withInvocationType(InvocationType.Event).withPayload(GSON.toJson(payload))); // Noncompliant THC009
    }
}
