package authz;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

public final class AuditInterceptor implements ServerInterceptor {
    private static final Logger LOG = LogManager.getLogger(AuditInterceptor.class);
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        LOG.info("call {} request {}", method, headers.get(REQUEST_ID));
        LOG.debug("call {} metadata {}", method, headers); // Noncompliant
        if (headers.get(AUTHORIZATION) == null) {
            call.close(Status.UNAUTHENTICATED.withDescription("missing credentials"), new Metadata());
        }
        return next.startCall(call, headers);
    }
}
