package reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

public class ExportNotifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SqsClient sqs = SqsClient.create();

    public void notifyDone(String queueUrl, String reportId, String warehouseToken) throws Exception {
        String body = JSON.writeValueAsString(Map.of("reportId", reportId, "warehouseToken", warehouseToken));
        sqs.sendMessage(SendMessageRequest.builder() // Noncompliant
                .queueUrl(queueUrl)
                .messageBody(body)
                .build());
        String status = JSON.writeValueAsString(Map.of("reportId", reportId, "state", "done"));
        sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(status)
                .build());
    }
}
