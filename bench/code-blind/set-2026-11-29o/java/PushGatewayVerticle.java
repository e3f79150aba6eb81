package com.homehub.push;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.DeleteEndpointRequest;
import software.amazon.awssdk.services.pinpoint.model.EndpointRequest;
import software.amazon.awssdk.services.pinpoint.model.EndpointUser;
import software.amazon.awssdk.services.pinpoint.model.UpdateEndpointRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/** Vert.x gateway that registers smart-home hubs' companion apps as Amazon Pinpoint push endpoints. */
public class PushGatewayVerticle extends AbstractVerticle {

    private static final Logger logger = LoggerFactory.getLogger(PushGatewayVerticle.class);
    private final String appId = System.getenv("PINPOINT_APP_ID");
    private PinpointAsyncClient pinpoint;

    @Override
    public void start(Promise<Void> startPromise) {
        StsClient sts = StsClient.create();
        pinpoint = PinpointAsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(sts)
                        .refreshRequest(r -> r.roleArn(System.getenv("PUSH_ROLE_ARN")).roleSessionName("push-gateway"))
                        .build())
                .build();

        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(16 * 1024));
        router.route().handler(this::logRequest);
        router.put("/devices/:deviceId/push").handler(this::register);
        router.delete("/devices/:deviceId/push").handler(this::unregister);
        vertx.createHttpServer().requestHandler(router).listen(8080).<Void>mapEmpty().onComplete(startPromise);
    }

    private void logRequest(RoutingContext ctx) {
        logger.info("{} {} headers={}", ctx.request().method(), ctx.request().path(), ctx.request().headers()); // Noncompliant THC002
        ctx.next();
    }

    private Claims claims(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header == null ? "" : header.replaceFirst("^Bearer ", "");
        return Jwts.parser().unsecured().build().parseUnsecuredClaims(token).getPayload(); // Noncompliant THC005
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private void register(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        Claims claims = claims(ctx);
        if (!deviceId.equals(claims.get("device_id", String.class))) {
            ctx.response().setStatusCode(403).end();
            return;
        }
        JsonObject body = ctx.body().asJsonObject();
        EndpointRequest endpoint = EndpointRequest.builder()
                .channelType(ChannelType.fromValue(body.getString("channel", "GCM")))
                .address(body.getString("pushAddress"))
                .user(EndpointUser.builder().userId(claims.getSubject()).build())
                .optOut("NONE")
                .build();
        pinpoint.updateEndpoint(UpdateEndpointRequest.builder().applicationId(appId).endpointId(deviceId).endpointRequest(endpoint).build())
                .whenComplete((resp, err) -> {
                    if (err != null) {
                        ctx.response().setStatusCode(502).end(new JsonObject().put("error", err.getMessage()).put("stack", stackTrace(err)).encode()); // Noncompliant THC003
                        return;
                    }
                    logger.info("Pinpoint endpoint {} updated (request {})", deviceId, resp.messageBody().requestID());
                    ctx.response().setStatusCode(204).end();
                });
    }

    private void unregister(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        String correlationId = UUID.randomUUID().toString();
        pinpoint.deleteEndpoint(DeleteEndpointRequest.builder().applicationId(appId).endpointId(deviceId).build())
                .whenComplete((resp, err) -> {
                    if (err != null) {
                        logger.warn("deleteEndpoint failed for {} [{}]: {}", deviceId, correlationId, err.getClass().getSimpleName());
                        ctx.response().setStatusCode(502).end(new JsonObject().put("error", "unregister failed").put("correlationId", correlationId).encode());
                        return;
                    }
                    ctx.response().setStatusCode(204).end();
                });
    }
}
