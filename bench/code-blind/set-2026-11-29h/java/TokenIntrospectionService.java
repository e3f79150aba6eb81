package com.example.platform.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

public class TokenIntrospectionService extends AuthzGrpc.AuthzImplBase {
    private static final Logger LOG = LogManager.getLogger(TokenIntrospectionService.class);
    static final Context.Key<String> BEARER = Context.key("bearer");

    private final ObjectMapper mapper = new ObjectMapper();
    private final PolicyStore policies;

    public TokenIntrospectionService(PolicyStore policies) {
        this.policies = policies;
    }

    static String fingerprint(String value) {
        if (value == null) {
            return "none";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (Exception e) {
            return "n/a";
        }
    }

    public static final class AuthInterceptor implements ServerInterceptor {
        private static final Metadata.Key<String> AUTHORIZATION =
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String method = call.getMethodDescriptor().getFullMethodName();
            LOG.debug("call {} metadata {}", method, headers); // Noncompliant THC002
            String authorization = headers.get(AUTHORIZATION);
            LOG.trace("authorization metadata for {}: {}", method, authorization); // Noncompliant THC001
            LOG.info("call {} bearer fingerprint {}", method, fingerprint(authorization));
            String bearer = authorization == null ? "" : authorization.replaceFirst("(?i)^Bearer ", "");
            Context ctx = Context.current().withValue(BEARER, bearer);
            return Contexts.interceptCall(ctx, call, headers, next);
        }
    }

    @Override
    public void checkPermission(PermissionRequest req, StreamObserver<PermissionReply> out) {
        String token = BEARER.get();
        try {
            String[] parts = token.split("\\.");
            JsonNode claims = mapper.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)); // Noncompliant THC005
            boolean allowed = policies.allows(claims.path("sub").asText(), claims.path("scope").asText(), req.getResource(), req.getAction());
            out.onNext(PermissionReply.newBuilder().setAllowed(allowed).build());
            out.onCompleted();
        } catch (Exception e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            out.onError(Status.INTERNAL.withDescription(sw.toString()).asRuntimeException()); // Noncompliant THC003
        }
    }

    @Override
    public void listPolicies(ListPoliciesRequest req, StreamObserver<ListPoliciesReply> out) {
        try {
            out.onNext(ListPoliciesReply.newBuilder().addAllPolicies(policies.list(req.getNamespace())).build());
            out.onCompleted();
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString();
            LOG.error("listPolicies failed ref={} namespace={}", ref, req.getNamespace(), e);
            out.onError(Status.UNAVAILABLE.withDescription("policy store unavailable, ref " + ref).asRuntimeException());
        }
    }
}
