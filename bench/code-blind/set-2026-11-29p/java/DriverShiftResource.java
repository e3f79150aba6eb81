package com.example.fleet.drivers;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;

/** Driver mobile-app backend (Quarkus): shift start/end and break logging for tachograph rules. */
@Path("/drivers")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DriverShiftResource {

    private static final Logger LOG = Logger.getLogger(DriverShiftResource.class.getName());

    public record ShiftStart(String driverId, String pin, String vehicleReg, double odometerKm) { }

    public record BreakEvent(String kind, Instant at) { }

    @Inject
    CognitoIdentityProviderClient cognito;

    @Inject
    ShiftRepository shifts;

    @Inject
    DispatchKeys dispatchKeys;

    @POST
    @Path("/shifts")
    public Response startShift(ShiftStart start) {
        try {
            AuthenticationResultType auth = cognito.initiateAuth(InitiateAuthRequest.builder()
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .clientId(System.getenv("DRIVER_APP_CLIENT_ID"))
                    .authParameters(Map.of("USERNAME", start.driverId(), "PASSWORD", start.pin()))
                    .build()).authenticationResult();
            LOG.info("Driver " + start.driverId() + " authenticated, id token " + auth.idToken()); // Noncompliant THC001

            String shiftId = shifts.open(start.driverId(), start.vehicleReg(), start.odometerKm());
            LOG.log(Level.INFO, "Shift {0} opened on {1}", new Object[] {shiftId, start.vehicleReg()});

            NewCookie session = new NewCookie("driver_session", auth.accessToken()); // Noncompliant THC007
            NewCookie shiftCookie = new NewCookie.Builder("shift_id").value(shiftId).path("/drivers").secure(true).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).build();
            return Response.ok(Map.of("shiftId", shiftId, "expiresIn", auth.expiresIn())).cookie(session, shiftCookie).build();
        } catch (RuntimeException e) {
            StringWriter sw = new StringWriter();
            e.printStackTrace(new PrintWriter(sw));
            LOG.log(Level.WARNING, "Shift start failed for driver {0}", start.driverId());
            return Response.serverError().entity(Map.of("error", "shift start failed", "stackTrace", sw.toString())).build(); // Noncompliant THC003
        }
    }

    @POST
    @Path("/shifts/{shiftId}/breaks")
    public Response logBreak(@PathParam("shiftId") String shiftId, @HeaderParam("Authorization") String authorization, BreakEvent event) {
        String token = authorization.substring("Bearer ".length());
        Claims claims = Jwts.parser().verifyWith(dispatchKeys.current()).build().parseSignedClaims(token).getPayload();
        if (!shifts.ownedBy(shiftId, claims.getSubject())) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        shifts.recordBreak(shiftId, event.kind(), event.at());
        LOG.fine(() -> "Break " + event.kind() + " recorded on shift " + shiftId + " (token length " + token.length() + ")");
        return Response.accepted().build();
    }

    @POST
    @Path("/shifts/{shiftId}/close")
    public Response closeShift(@PathParam("shiftId") String shiftId, @HeaderParam("X-Dispatch-Token") String dispatchToken) {
        Claims dispatcher = Jwts.parser().unsecured().build().parseUnsecuredClaims(dispatchToken).getPayload(); // Noncompliant THC005
        if (!"dispatcher".equals(dispatcher.get("role", String.class))) {
            return Response.status(Response.Status.FORBIDDEN).entity(Map.of("message", "dispatcher role required")).build();
        }
        shifts.close(shiftId, dispatcher.getSubject());
        LOG.info("Shift " + shiftId + " closed by dispatcher " + dispatcher.getSubject());
        return Response.noContent().build();
    }

    public interface ShiftRepository {
        String open(String driverId, String vehicleReg, double odometerKm);

        boolean ownedBy(String shiftId, String driverId);

        void recordBreak(String shiftId, String kind, Instant at);

        void close(String shiftId, String closedBy);
    }

    public interface DispatchKeys {
        PublicKey current();
    }
}
