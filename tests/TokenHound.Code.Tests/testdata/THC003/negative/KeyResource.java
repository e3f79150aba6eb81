package com.example.keys;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.util.Map;

@Path("/keys")
public class KeyResource {

    @POST
    public Response create(@HeaderParam("Authorization") String authorization, @HeaderParam("X-Request-Id") String requestId) {
        try {
            return Response.ok(Map.of("created", parse(authorization))).build();
        } catch (RuntimeException e) {
            return Response.status(Response.Status.UNAUTHORIZED).entity("Rejected token (request " + requestId + ")").build();
        }
    }

    private static String parse(String authorization) {
        return authorization.substring(7);
    }
}
