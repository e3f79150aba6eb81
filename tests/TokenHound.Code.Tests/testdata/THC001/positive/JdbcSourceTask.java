package com.acme.connect.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka Connect source task polling the orders table. */
public class JdbcSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(JdbcSourceTask.class);

    private Connection connection;
    private String table;

    @Override
    public String version() {
        return "2.1.0";
    }

    @Override
    public void start(Map<String, String> config) {
        log.info("starting JDBC source task with {}", config); // Noncompliant
        table = config.getOrDefault("table", "orders");
        try {
            connection = DriverManager.getConnection(config.get("connection.url"), config.get("connection.user"), config.get("connection.password"));
        } catch (SQLException e) {
            throw new ConnectException("cannot connect to " + config.get("connection.url"), e);
        }
        configureTopics(Map.of("topic", config.getOrDefault("topic.prefix", "jdbc-") + table));
    }

    private void configureTopics(Map<String, String> topics) {
        log.info("topics {}", topics);
        table = topics.getOrDefault("table", table);
    }

    @Override
    public List<SourceRecord> poll() {
        return Collections.emptyList();
    }

    @Override
    public void stop() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            log.warn("close failed: {}", e.getMessage());
        }
    }
}
