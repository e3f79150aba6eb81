package com.example.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.PrintWriter;
import java.io.StringWriter;

// The stack trace is printed into a StringWriter and sent back.
public class TraceResource {
    public Response export(String id) {
        try {
            return Response.ok(build(id)).build();
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return Response.serverError().type(MediaType.TEXT_PLAIN).entity(trace.toString()).build(); // Noncompliant
        }
    }

    private String build(String id) {
        return id;
    }
}
