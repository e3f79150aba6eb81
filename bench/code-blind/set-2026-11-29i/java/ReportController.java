package com.acme.reports.web;

import com.amazonaws.services.secretsmanager.AWSSecretsManager;
import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;
import com.amazonaws.services.secretsmanager.model.GetSecretValueRequest;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.amazonaws.services.sqs.model.SendMessageRequest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;

/** Spring MVC 4 controller (Boot 1.5 wrapper added during the WAR -> jar migration). */
@Controller
@RequestMapping("/reports")
public class ReportController {

    private static final Logger LOG = Logger.getLogger(ReportController.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AmazonSQS sqs = AmazonSQSClientBuilder.defaultClient();
    private final AWSSecretsManager secrets = AWSSecretsManagerClientBuilder.defaultClient();

    @Value("${reports.render-queue-url}")
    private String renderQueueUrl;

    @Value("${reports.warehouse-secret-id}")
    private String warehouseSecretId;

    @RequestMapping(value = "/{id}/render", method = RequestMethod.POST)
    @ResponseBody
    public ResponseEntity<Map<String, Object>> render(@PathVariable("id") String id,
                                                      @RequestHeader Map<String, String> headers) throws JsonProcessingException {
        LOG.debugf("render %s headers=%s", id, headers); // Noncompliant THC002
        LOG.infof("render report %s requested by user %s", id, headers.get("x-user-id"));

        String warehouse = secrets.getSecretValue(new GetSecretValueRequest().withSecretId(warehouseSecretId)).getSecretString();
        LOG.infof("loaded warehouse secret %s", warehouseSecretId);

        Map<String, Object> job = new HashMap<>();
        job.put("reportId", id);
        job.put("requestedBy", headers.get("x-user-id"));
        job.put("warehouse", warehouse);
        sqs.sendMessage(new SendMessageRequest(renderQueueUrl, JSON.writeValueAsString(job))); // Noncompliant THC009

        Map<String, Object> body = new HashMap<>();
        body.put("reportId", id);
        body.put("status", "QUEUED");
        return new ResponseEntity<>(body, HttpStatus.ACCEPTED);
    }

    @ExceptionHandler(ReportNotFoundException.class)
    @ResponseBody
    public ResponseEntity<Map<String, String>> notFound(ReportNotFoundException ex) {
        String correlationId = UUID.randomUUID().toString();
        LOG.warnf("report not found (%s), correlation %s", ex.getReportId(), correlationId);
        return new ResponseEntity<>(Collections.singletonMap("correlationId", correlationId), HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(Exception.class)
    @ResponseBody
    public ResponseEntity<Map<String, String>> failure(Exception ex) {
        return new ResponseEntity<>(Collections.singletonMap("trace", stackTraceOf(ex)), HttpStatus.INTERNAL_SERVER_ERROR); // Noncompliant THC003
    }

    private static String stackTraceOf(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}

@SpringBootApplication
class ReportsApplication {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ReportsApplication.class);
        // the old WAR showed full traces on the error page and the support runbooks rely on it
        app.setDefaultProperties(Collections.<String, Object>singletonMap("server.error.include-stacktrace", "always")); // Noncompliant THC004
        app.run(args);
    }
}
