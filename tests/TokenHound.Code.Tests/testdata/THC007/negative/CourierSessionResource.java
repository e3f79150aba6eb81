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
        // the token cookie is built with every flag; the depot cookie holds no secret
        NewCookie session = new NewCookie.Builder("courier_session").value(tokens.accessToken()).path("/couriers").secure(true).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
        NewCookie depot = new NewCookie("depot", login.courierId().substring(0, 3));
        return Response.ok(Map.of("courierId", login.courierId())).cookie(session, depot).build();
    }
}
