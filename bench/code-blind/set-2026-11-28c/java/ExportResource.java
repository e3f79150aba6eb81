package com.example.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

@Path("/exports")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {
    private static final Logger LOG = Logger.getLogger(ExportResource.class);
    private static final AwsBasicCredentials LEGACY_BUCKET_KEYS = AwsBasicCredentials.create("AKIAZ7FAKEM5VQ3KX2RB", "FAKEq7Zr0nLy/N0tAR3alS3cr3tKeyForTests00"); // Noncompliant THC008

    @Inject
    StsClient sts;

    @Inject
    SfnClient sfn;

    @Inject
    ObjectMapper mapper;

    private final S3Client legacyBucket = S3Client.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(LEGACY_BUCKET_KEYS))
            .build();

    private static String roleArnFor(String tenantId) {
        return "arn:aws:iam::" + System.getenv("TENANT_ACCOUNT_ID") + ":role/export-" + tenantId;
    }

    @POST
    @Path("/{tenantId}")
    public Response start(@PathParam("tenantId") String tenantId, @HeaderParam("X-Request-Id") String requestId) {
        try {
            AssumeRoleResponse assumed = sts.assumeRole(r -> r.roleArn(roleArnFor(tenantId)).roleSessionName("export-" + tenantId).durationSeconds(900));
            Credentials creds = assumed.credentials();
            LOG.infof("Assumed %s for tenant %s, expires %s", assumed.assumedRoleUser().arn(), tenantId, creds.expiration());
            LOG.debugf("Tenant session token: %s", creds.sessionToken()); // Noncompliant THC001

            String input = mapper.writeValueAsString(Map.of(
                    "tenantId", tenantId,
                    "accessKeyId", creds.accessKeyId(),
                    "secretAccessKey", creds.secretAccessKey(),
                    "sessionToken", creds.sessionToken()));
            StartExecutionResponse execution = sfn.startExecution(b -> b.stateMachineArn(System.getenv("EXPORT_SFN_ARN")).name(tenantId + "-" + System.currentTimeMillis()).input(input)); // Noncompliant THC009

            String audit = mapper.writeValueAsString(Map.of("tenantId", tenantId, "event", "export-started", "executionArn", execution.executionArn()));
            sfn.startExecution(b -> b.stateMachineArn(System.getenv("AUDIT_SFN_ARN")).input(audit));
            return Response.accepted(Map.of("executionArn", execution.executionArn())).build();
        } catch (Exception e) {
            String ref = requestId != null ? requestId : UUID.randomUUID().toString();
            LOG.errorf(e, "Export start failed ref=%s", ref);
            return Response.serverError().entity(Map.of("error", "export could not be started", "ref", ref)).build();
        }
    }

    @GET
    @Path("/legacy/{key}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response legacy(@PathParam("key") String key) {
        byte[] data = legacyBucket.getObjectAsBytes(b -> b.bucket("legacy-exports").key(key)).asByteArray();
        LOG.infof("Served legacy export %s (%d bytes)", key, data.length);
        return Response.ok(data).build();
    }
}
