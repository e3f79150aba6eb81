package com.example.devices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.CreatePlatformEndpointRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.Map;

@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QuarkusDeviceResource {

    private static final Logger LOG = Logger.getLogger(QuarkusDeviceResource.class);

    @Inject
    SnsClient sns;

    @Inject
    JsonWebToken jwt;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "devices.platform-application-arn")
    String platformApplicationArn;

    @ConfigProperty(name = "devices.onboarding-topic-arn")
    String onboardingTopicArn;

    public record DeviceRegistration(String pushToken, String platform, String locale) {}

    @POST
    public Response register(DeviceRegistration body, @Context HttpHeaders headers) {
        LOG.debugf("register device, headers=%s", headers.getRequestHeaders()); // Noncompliant THC002
        String bearer = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String sub = jwt.getSubject();
        LOG.infof("register device sub=%s platform=%s pushToken=%s...", sub, body.platform(), body.pushToken().substring(0, 6));

        try {
            String endpointArn = sns.createPlatformEndpoint(CreatePlatformEndpointRequest.builder()
                    .platformApplicationArn(platformApplicationArn)
                    .token(body.pushToken())
                    .customUserData(sub)
                    .build()).endpointArn();

            // the onboarding worker calls the profile API as the user to pick the welcome campaign
            Map<String, String> onboarding = Map.of(
                    "sub", sub,
                    "endpointArn", endpointArn,
                    "locale", body.locale() == null ? "en" : body.locale(),
                    "userToken", bearer);
            sns.publish(PublishRequest.builder().topicArn(onboardingTopicArn).message(mapper.writeValueAsString(onboarding)).build()); // Noncompliant THC009
            return Response.status(Response.Status.CREATED).entity(Map.of("endpointArn", endpointArn)).build();
        } catch (JsonProcessingException e) {
            LOG.error("could not serialise onboarding message", e);
            return Response.serverError().entity(Map.of("error", "registration failed")).build();
        } catch (RuntimeException e) {
            LOG.errorf(e, "SNS call failed for sub=%s using token %s", sub, bearer); // Noncompliant THC001
            return Response.status(Response.Status.BAD_GATEWAY).entity(Map.of("error", "push provider unavailable")).build();
        }
    }

    @DELETE
    public Response unregister(@QueryParam("endpointArn") String endpointArn) {
        LOG.infof("unregister %s for %s", endpointArn, jwt.getName());
        sns.deleteEndpoint(b -> b.endpointArn(endpointArn));
        return Response.noContent().build();
    }
}
