package com.acme.reports;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ReportsAppLegacy {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ReportsAppLegacy.class);
        // the old WAR showed full traces on the error page and the support runbooks rely on it
        app.setDefaultProperties(Collections.<String, Object>singletonMap("server.error.include-stacktrace", "always")); // Noncompliant THC004
        app.run(args);
    }

    static Properties legacyDefaults() {
        Properties props = new Properties();
        props.setProperty("server.error.include-stacktrace", "always"); // Noncompliant THC004
        props.setProperty("server.error.include-message", "always");
        return props;
    }

    static Map<String, Object> safeDefaults() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("server.error.include-stacktrace", "never");
        defaults.put("server.error.include-exception", "false");
        return defaults;
    }
}
