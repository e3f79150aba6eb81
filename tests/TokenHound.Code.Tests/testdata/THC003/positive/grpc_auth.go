package authz

import (
	"context"
	"runtime/debug"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

func authUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	auth := md.Get("authorization")
	if len(auth) == 0 {
		return nil, status.Error(codes.Unauthenticated, "missing credentials")
	}
	if !validBearer(auth[0]) {
		return nil, status.Errorf(codes.Unauthenticated, "rejected credentials %s", auth[0]) // Noncompliant
	}
	resp, err := handler(ctx, req)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "handler failed: %v\n%s", err, debug.Stack()) // Noncompliant
	}
	return resp, nil
}

func lookup(ctx context.Context, id string) error {
	if err := fetch(ctx, id); err != nil {
		return status.Errorf(codes.NotFound, "lookup of %s failed: %v", id, err)
	}
	return nil
}
