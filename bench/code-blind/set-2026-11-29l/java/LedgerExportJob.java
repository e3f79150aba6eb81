package com.acme.ledger.export;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.secretsmanager.AWSSecretsManager;
import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;
import com.amazonaws.services.secretsmanager.model.GetSecretValueRequest;
import com.amazonaws.services.sqs.AmazonSQS;
import com.amazonaws.services.sqs.AmazonSQSClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;

/** Nightly ledger export: dumps the day's journal to CSV and hands it to the bank SFTP uploader. */
public class LedgerExportJob {

    private static final String EXPORT_BUCKET = System.getenv().getOrDefault("EXPORT_BUCKET", "acme-ledger-exports");
    private static final String DB_SECRET_ID = "prod/ledger/db";
    private static final String SFTP_SECRET_ID = "prod/ledger/bank-sftp";
    private static final String UPLOAD_QUEUE_URL = System.getenv("SFTP_UPLOAD_QUEUE_URL");

    private final ObjectMapper mapper = new ObjectMapper();
    private final AWSSecretsManager secrets = AWSSecretsManagerClientBuilder.defaultClient();
    private final AmazonSQS sqs = AmazonSQSClientBuilder.standard().withRegion(Regions.EU_WEST_1).build();
    private final AmazonS3 exportS3 = AmazonS3ClientBuilder.standard().withRegion(Regions.EU_WEST_1).withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAZ7FAKELEDGERX2Q7", "FAKEledgerExportSecretKey000000000000000"))).build(); // Noncompliant THC008

    private JsonNode secret(String id) throws Exception {
        return mapper.readTree(secrets.getSecretValue(new GetSecretValueRequest().withSecretId(id)).getSecretString());
    }

    public void run(LocalDate businessDate) throws Exception {
        JsonNode db = secret(DB_SECRET_ID);
        String dbUser = db.get("username").asText();
        String dbPassword = db.get("password").asText();
        String url = "jdbc:postgresql://" + db.get("host").asText() + ":5432/ledger";
        System.out.println("Connecting to " + url + " as " + dbUser + " (secret " + DB_SECRET_ID + ")");
        System.out.println("Ledger DB password: " + dbPassword); // Noncompliant THC001

        StringBuilder csv = new StringBuilder("entry_id,account,amount,currency,booked_at\n");
        int rows = 0;
        try (Connection conn = DriverManager.getConnection(url, dbUser, dbPassword);
             PreparedStatement ps = conn.prepareStatement(
                     "SELECT entry_id, account, amount, currency, booked_at FROM journal WHERE booking_date = ?")) {
            ps.setObject(1, businessDate);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    csv.append(rs.getString(1)).append(',')
                            .append(rs.getString(2)).append(',')
                            .append(rs.getBigDecimal(3).toPlainString()).append(',')
                            .append(rs.getString(4)).append(',')
                            .append(rs.getTimestamp(5).toInstant()).append('\n');
                    rows++;
                }
            }
        }

        String key = "journal/" + businessDate + "/journal.csv";
        exportS3.putObject(EXPORT_BUCKET, key, csv.toString());
        System.out.println("Exported " + rows + " rows to s3://" + EXPORT_BUCKET + "/" + key);

        JsonNode sftp = secret(SFTP_SECRET_ID);
        String sftpUser = sftp.get("username").asText();
        String sftpPassword = sftp.get("password").asText();
        String uploadRequest = "{\"businessDate\":\"" + businessDate + "\",\"s3Key\":\"" + key
                + "\",\"sftpUser\":\"" + sftpUser + "\",\"sftpPassword\":\"" + sftpPassword + "\"}";
        sqs.sendMessage(UPLOAD_QUEUE_URL, uploadRequest); // Noncompliant THC009
        System.out.println("Upload requested for " + key + " via " + SFTP_SECRET_ID);
    }

    public static void main(String[] args) throws Exception {
        LocalDate date = args.length > 0 ? LocalDate.parse(args[0]) : LocalDate.now().minusDays(1);
        new LedgerExportJob().run(date);
    }
}
