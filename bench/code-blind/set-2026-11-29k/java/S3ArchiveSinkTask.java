package com.acme.connect.s3archive;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.auth.STSAssumeRoleSessionCredentialsProvider;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ObjectMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Kafka Connect sink that archives clickstream events to S3 as newline-delimited JSON. */
public class S3ArchiveSinkTask extends SinkTask {
    private static final Logger LOG = LogManager.getLogger(S3ArchiveSinkTask.class);

    private AmazonS3 s3;
    private String bucket;
    private String prefix;
    private final List<String> buffer = new ArrayList<>();
    private long lastOffset = -1;

    @Override
    public String version() {
        return "1.4.2";
    }

    @Override
    public void start(Map<String, String> props) {
        LOG.info("starting S3 archive sink with config {}", props); // Noncompliant THC001
        bucket = props.get("s3.bucket");
        prefix = props.getOrDefault("s3.prefix", "clickstream/");
        String region = props.getOrDefault("aws.region", "us-east-1");

        if (props.containsKey("aws.role.arn")) {
            s3 = AmazonS3ClientBuilder.standard()
                    .withRegion(region)
                    .withCredentials(new STSAssumeRoleSessionCredentialsProvider.Builder(
                            props.get("aws.role.arn"), "s3-archive-sink").build())
                    .build();
            LOG.info("using assumed role {} for bucket {}", props.get("aws.role.arn"), bucket);
        } else {
            String accessKey = props.get("aws.access.key.id");
            String secretKey = props.get("aws.secret.access.key");
            String sessionToken = props.get("aws.session.token");
            BasicSessionCredentials creds = new BasicSessionCredentials(accessKey, secretKey, sessionToken); // Noncompliant THC008
            s3 = AmazonS3ClientBuilder.standard()
                    .withRegion(region)
                    .withCredentials(new AWSStaticCredentialsProvider(creds))
                    .build();
            LOG.info("using static key {}**** for bucket {}", accessKey.substring(0, 4), bucket);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            buffer.add(String.valueOf(record.value()));
            lastOffset = record.kafkaOffset();
        }
        LOG.debug("buffered {} records, last offset {}", buffer.size(), lastOffset);
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        if (buffer.isEmpty()) {
            return;
        }
        byte[] data = String.join("\n", buffer).getBytes(StandardCharsets.UTF_8);
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentLength(data.length);
        meta.setContentType("application/x-ndjson");
        String key = prefix + "offset-" + lastOffset + ".jsonl";
        s3.putObject(bucket, key, new ByteArrayInputStream(data), meta);
        LOG.info("flushed {} records to s3://{}/{}", buffer.size(), bucket, key);
        buffer.clear();
    }

    @Override
    public void stop() {
        if (s3 != null) {
            s3.shutdown();
        }
    }
}
