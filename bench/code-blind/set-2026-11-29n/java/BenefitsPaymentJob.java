package gov.example.benefits.payments;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.STSAssumeRoleSessionCredentialsProvider;
import com.amazonaws.regions.Regions;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.secretsmanager.AWSSecretsManager;
import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;
import com.amazonaws.services.secretsmanager.model.GetSecretValueRequest;
import com.amazonaws.services.securitytoken.AWSSecurityTokenService;
import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClientBuilder;
import com.amazonaws.services.securitytoken.model.AssumeRoleRequest;
import com.amazonaws.services.securitytoken.model.Credentials;
import com.amazonaws.services.stepfunctions.AWSStepFunctions;
import com.amazonaws.services.stepfunctions.AWSStepFunctionsClientBuilder;
import com.amazonaws.services.stepfunctions.model.SendTaskSuccessRequest;
import com.amazonaws.services.stepfunctions.model.StartExecutionRequest;
import com.amazonaws.services.stepfunctions.model.StartExecutionResult;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Nightly benefits payment batch: builds the BACS/ACH file and starts the disbursement workflow. */
public class BenefitsPaymentJob {
    private static final Logger LOG = LogManager.getLogger(BenefitsPaymentJob.class);
    private static final String PAYMENT_SFN_ARN = System.getenv("PAYMENT_SFN_ARN");
    private static final String BANK_SECRET_NAME = "payments/bank-gateway";
    private static final String LEDGER_ROLE_ARN = "arn:aws:iam::111122223333:role/ledger-writer";

    private final AWSStepFunctions sfn = AWSStepFunctionsClientBuilder.defaultClient();
    private final AWSSecretsManager secrets = AWSSecretsManagerClientBuilder.defaultClient();
    private final AWSSecurityTokenService sts = AWSSecurityTokenServiceClientBuilder.defaultClient();

    private final AmazonS3 exportBucket = AmazonS3ClientBuilder.standard() // Noncompliant THC008
            .withRegion(Regions.EU_WEST_2)
            .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIAZ7FAKEK6RJ3VN4YT", "FAKEpaymentsExportSecret00FAKE000000000")))
            .build();

    private final AmazonS3 ledgerBucket = AmazonS3ClientBuilder.standard()
            .withRegion(Regions.EU_WEST_2)
            .withCredentials(new STSAssumeRoleSessionCredentialsProvider.Builder(LEDGER_ROLE_ARN, "payment-batch").build())
            .build();

    record Payment(String claimantRef, String sortCode, String account, long pence) {}

    String bankGatewayPassword() {
        String value = secrets.getSecretValue(new GetSecretValueRequest().withSecretId(BANK_SECRET_NAME)).getSecretString();
        LOG.info("bank gateway secret {} loaded ({} chars)", BANK_SECRET_NAME, value.length());
        return value;
    }

    Credentials ledgerSession(String runId) {
        Credentials creds = sts.assumeRole(new AssumeRoleRequest().withRoleArn(LEDGER_ROLE_ARN).withRoleSessionName("ledger-" + runId)).getCredentials();
        LOG.debug("ledger session for run {} key={} token={}", runId, creds.getAccessKeyId(), creds.getSessionToken()); // Noncompliant THC001
        return creds;
    }

    public void run(List<Payment> payments) {
        String runId = LocalDate.now() + "-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder();
        long total = 0;
        for (Payment p : payments) {
            file.append(String.join(",", p.claimantRef(), p.sortCode(), p.account(), Long.toString(p.pence()))).append('\n');
            total += p.pence();
        }
        String key = "exports/" + runId + ".csv";
        exportBucket.putObject("benefit-payment-exports", key, file.toString());
        ledgerBucket.putObject("benefit-ledger", "runs/" + runId + ".json", "{\"total\":" + total + "}");
        LOG.info("run {} exported {} payments totalling {} pence", runId, payments.size(), total);

        ledgerSession(runId);
        String bankPassword = bankGatewayPassword();
        String input = "{\"runId\":\"" + runId + "\",\"s3Key\":\"" + key + "\",\"bankPassword\":\"" + bankPassword + "\"}";
        StartExecutionResult exec = sfn.startExecution(new StartExecutionRequest().withStateMachineArn(PAYMENT_SFN_ARN).withName(runId).withInput(input)); // Noncompliant THC009
        LOG.info("disbursement workflow started: {}", exec.getExecutionArn());
    }

    /** Called by the approval activity once a supervisor signs off. */
    public void approve(String taskToken, String runId, String approver) {
        sfn.sendTaskSuccess(new SendTaskSuccessRequest().withTaskToken(taskToken).withOutput("{\"runId\":\"" + runId + "\",\"approvedBy\":\"" + approver + "\"}"));
        LOG.info("run {} approved by {}", runId, approver);
    }
}
