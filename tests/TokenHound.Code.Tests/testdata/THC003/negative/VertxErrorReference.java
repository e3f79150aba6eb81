package com.example.push;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class RegistrationErrors {
    private static final Logger log = LoggerFactory.getLogger(RegistrationErrors.class);

    void fail(RoutingContext rc, Throwable err) {
        // the stack trace goes to the log; the client gets a reference
        String ref = UUID.randomUUID().toString();
        log.error("registration failed ref={}", ref, err);
        rc.response().setStatusCode(502).end(new JsonObject().put("error", "upstream unavailable").put("reference", ref).encode());
    }
}
