package authz;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;

public class PolicyService extends PolicyGrpc.PolicyImplBase {
    private final PolicyStore store;

    public PolicyService(PolicyStore store) {
        this.store = store;
    }

    @Override
    public void check(CheckRequest req, StreamObserver<CheckReply> out) {
        try {
            out.onNext(CheckReply.newBuilder().setAllowed(store.allows(req.getSubject(), req.getAction())).build());
            out.onCompleted();
        } catch (Exception e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            out.onError(Status.INTERNAL.withDescription(sw.toString()).asRuntimeException()); // Noncompliant
        }
    }

    @Override
    public void list(ListRequest req, StreamObserver<ListReply> out) {
        try {
            out.onNext(ListReply.newBuilder().addAllPolicies(store.list(req.getNamespace())).build());
            out.onCompleted();
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString();
            out.onError(Status.UNAVAILABLE.withDescription("policy store unavailable, ref " + ref).asRuntimeException());
        }
    }
}
