package com.example.courier.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.Map;

@Path("/couriers")
public class CourierSessionResource {

    @Inject
    CourierAuth auth;

    public record Login(String courierId, String pin) {
    }

    @POST
    @Path("/session")
    public Response login(Login login) {
        var tokens = auth.signIn(login.courierId(), login.pin());
        NewCookie session = new NewCookie("courier_session", tokens.accessToken()); // Noncompliant
        return Response.ok(Map.of("courierId", login.courierId())).cookie(session).build();
    }

    @POST
    @Path("/refresh")
    public Response refresh(Login login) {
        var tokens = auth.signIn(login.courierId(), login.pin());
        return Response.noContent().cookie(new NewCookie("refresh_token", tokens.refreshToken())).build(); // Noncompliant
    }
}
