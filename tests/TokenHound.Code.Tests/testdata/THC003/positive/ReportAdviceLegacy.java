package com.acme.reports.web;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;

/** Spring MVC 4 style controller advice: responses built with the ResponseEntity constructor. */
@Controller
public class ReportAdviceLegacy {

    @ExceptionHandler(IllegalStateException.class)
    @ResponseBody
    public ResponseEntity<Map<String, String>> conflict(IllegalStateException ex) {
        String correlationId = UUID.randomUUID().toString();
        return new ResponseEntity<>(Collections.singletonMap("correlationId", correlationId), HttpStatus.CONFLICT);
    }

    @ExceptionHandler(Exception.class)
    @ResponseBody
    public ResponseEntity<Map<String, String>> failure(Exception ex) {
        return new ResponseEntity<>(Collections.singletonMap("trace", stackTraceOf(ex)), HttpStatus.INTERNAL_SERVER_ERROR); // Noncompliant THC003
    }

    @ExceptionHandler(UnsupportedOperationException.class)
    @ResponseBody
    public ResponseEntity<String> unsupported(UnsupportedOperationException ex) {
        return new ResponseEntity<>(stackTraceOf(ex), HttpStatus.NOT_IMPLEMENTED); // Noncompliant THC003
    }

    private static String stackTraceOf(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}
