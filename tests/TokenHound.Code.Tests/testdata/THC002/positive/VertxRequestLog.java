package com.example.telemetry;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class IngestVerticle extends AbstractVerticle {
    private static final Logger log = LoggerFactory.getLogger(IngestVerticle.class);

    @Override
    public void start(Promise<Void> started) {
        Router router = Router.router(vertx);
        router.route().handler(this::audit);
        vertx.createHttpServer().requestHandler(router).listen(8443).<Void>mapEmpty().onComplete(started);
    }

    private void audit(RoutingContext rc) {
        // every header of the request, Authorization included
        log.debug("{} {} from {} headers={}", rc.request().method(), rc.request().uri(), rc.request().remoteAddress(), rc.request().headers()); // Noncompliant
        rc.next();
    }
}
