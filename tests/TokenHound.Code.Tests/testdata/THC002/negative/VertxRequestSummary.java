package com.example.telemetry;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class RequestSummary {
    private static final Logger log = LoggerFactory.getLogger(RequestSummary.class);

    void audit(RoutingContext rc) {
        // method, path, the header names and one trace header: no header values that carry credentials
        log.info("{} {} headers={} trace={}", rc.request().method(), rc.request().path(), rc.request().headers().names(), rc.request().getHeader("X-Amzn-Trace-Id"));
        rc.next();
    }
}
