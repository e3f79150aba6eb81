package com.example.sessions;

import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final Logger LOG = LogManager.getLogger(SessionResource.class);

    @Context
    private HttpServletResponse servletResponse;

    private final SessionService sessions;

    @Inject
    public SessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(LoginForm form) {
        if (form == null || form.username() == null || form.password() == null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("message", "username and password are required")).build();
        }
        Session session = sessions.login(form.username(), form.password());
        LOG.info("session created for user {}", form.username());
        servletResponse.addCookie(new Cookie("session_token", session.token())); // Noncompliant THC007
        NewCookie refresh = new NewCookie.Builder("refresh_token").value(session.refreshToken()).path("/sessions").httpOnly(true).secure(true).sameSite(NewCookie.SameSite.STRICT).maxAge(86400).build();
        return Response.ok(Map.of("tokenType", "Bearer", "expiresIn", 1800)).cookie(refresh).build();
    }

    @GET
    @Path("/{id}/export")
    @Produces(MediaType.TEXT_PLAIN)
    public void export(@PathParam("id") String id) throws IOException {
        try {
            servletResponse.getWriter().write(sessions.export(id));
        } catch (RuntimeException e) {
            LOG.error("export failed for {}", id, e);
            servletResponse.setStatus(500);
            e.printStackTrace(servletResponse.getWriter()); // Noncompliant THC003
        }
    }

    @Provider
    public static class FailureMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable failure) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            return Response.serverError().type(MediaType.TEXT_PLAIN).entity(trace.toString()).build(); // Noncompliant THC003
        }
    }

    @Provider
    public static class NotFoundMapper implements ExceptionMapper<SessionNotFoundException> {
        @Override
        public Response toResponse(SessionNotFoundException missing) {
            LOG.warn("session lookup failed", missing);
            return Response.status(404).entity(Map.of("message", "session not found")).build();
        }
    }
}
