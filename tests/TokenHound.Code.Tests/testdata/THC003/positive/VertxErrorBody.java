package com.example.push;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.PrintWriter;
import java.io.StringWriter;

public class RegistrationRoutes {
    private final DeviceRegistry registry;

    RegistrationRoutes(DeviceRegistry registry) {
        this.registry = registry;
    }

    private static String traceOf(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    void register(RoutingContext rc) {
        registry.register(rc.pathParam("deviceId")).onComplete(ar -> {
            if (ar.failed()) {
                rc.response().setStatusCode(500).putHeader("content-type", "application/json").end(new JsonObject().put("error", "registration failed").put("trace", traceOf(ar.cause())).encode()); // Noncompliant
                return;
            }
            rc.response().setStatusCode(204).end();
        });
    }

    void lookup(RoutingContext rc) {
        registry.find(rc.pathParam("deviceId")).onFailure(err -> rc.response().setStatusCode(500).end(traceOf(err))); // Noncompliant
    }
}
