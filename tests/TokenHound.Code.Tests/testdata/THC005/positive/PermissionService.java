package authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

public class PermissionService extends PermissionGrpc.PermissionImplBase {
    static final Context.Key<String> BEARER = Context.key("bearer");
    private final ObjectMapper mapper = new ObjectMapper();
    private final PolicyStore policies;
    private final Metrics metrics;

    public PermissionService(PolicyStore policies, Metrics metrics) {
        this.policies = policies;
        this.metrics = metrics;
    }

    @Override
    public void check(PermissionRequest req, StreamObserver<PermissionReply> out) throws Exception {
        String token = BEARER.get();
        String[] parts = token.split("\\.");
        JsonNode claims = mapper.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)); // Noncompliant
        boolean allowed = policies.allows(claims.path("sub").asText(), req.getResource(), req.getAction());
        out.onNext(PermissionReply.newBuilder().setAllowed(allowed).build());
        out.onCompleted();
    }

    public void count(String token) throws Exception {
        String[] parts = token.split("\\.");
        JsonNode claims = mapper.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        metrics.increment("calls", claims.path("client_id").asText());
    }
}
