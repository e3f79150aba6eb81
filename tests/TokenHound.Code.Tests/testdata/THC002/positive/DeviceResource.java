package com.example.devices;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

@Path("/devices")
public class DeviceResource {
    private static final Logger LOG = Logger.getLogger(DeviceResource.class);

    // JAX-RS @Context HttpHeaders are all the request headers
    @POST
    public Response register(String body, @Context HttpHeaders headers) {
        LOG.debugf("register device, headers=%s", headers.getRequestHeaders()); // Noncompliant
        LOG.debugf("register device, language=%s", headers.getLanguage());
        return Response.accepted().build();
    }
}
