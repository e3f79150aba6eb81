// Lab results notification fan-out: SQS-triggered Lambda that pulls a finished
// result from the reference-lab API and notifies patient / clinician channels.
import { SNSClient, PublishCommand } from "@aws-sdk/client-sns";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";

const REGION = process.env.AWS_REGION || "us-east-1";
const LAB_SECRET_ID = process.env.LAB_SECRET_ARN || "arn:aws:secretsmanager:us-east-1:111122223333:secret:reflab/api-AbCdEf";
const PATIENT_TOPIC = process.env.PATIENT_TOPIC_ARN;
const CLINICIAN_TOPIC = process.env.CLINICIAN_TOPIC_ARN;
const BUS = process.env.RESULTS_BUS || "lab-results";

// Legacy notifier account: keys were pasted in during the migration.
const notifier = new SNSClient({ // Noncompliant THC008
  region: REGION,
  credentials: { accessKeyId: "AKIAZ7FAKEQ3M5N7P2LX", secretAccessKey: "FAKEnotifierSecret0000FAKE0000FAKEkey" },
});
const events = new EventBridgeClient({ region: REGION });
const secrets = new SecretsManagerClient({ region: REGION });

let cachedLabCredential;

async function labCredential() {
  if (cachedLabCredential) return cachedLabCredential;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: LAB_SECRET_ID }));
  cachedLabCredential = JSON.parse(out.SecretString);
  console.log("loaded lab credential", { secretId: LAB_SECRET_ID, version: out.VersionId });
  return cachedLabCredential;
}

async function fetchResult(orderId) {
  const { apiKey, baseUrl } = await labCredential();
  const res = await fetch(`${baseUrl}/orders/${encodeURIComponent(orderId)}/result`, {
    headers: { "x-api-key": apiKey, Accept: "application/fhir+json" },
  });
  if (!res.ok) {
    const cred = await labCredential();
    console.error(`reference lab rejected ${orderId} (${res.status}) using key ${cred.apiKey}`); // Noncompliant THC001
    throw new Error(`lab api status ${res.status}`);
  }
  return res.json();
}

async function notifyPatient(result) {
  await notifier.send(
    new PublishCommand({
      TopicArn: PATIENT_TOPIC,
      Subject: "Your lab results are ready",
      Message: JSON.stringify({ patientId: result.subject.reference, observationId: result.id }),
    })
  );
}

async function notifyClinician(result) {
  const lab = await labCredential();
  const message = { observationId: result.id, orderId: result.basedOn?.[0]?.reference, labBaseUrl: lab.baseUrl, labApiKey: lab.apiKey };
  const publish = new PublishCommand({ TopicArn: CLINICIAN_TOPIC, Message: JSON.stringify(message) }); // Noncompliant THC009
  await notifier.send(publish);
}

async function emitAudit(result, sourceIdentity) {
  const entry = {
    EventBusName: BUS,
    Source: "health.lab-results",
    DetailType: "ResultReleased",
    Detail: JSON.stringify({ observationId: result.id, releasedAt: new Date().toISOString(), sourceIdentity }),
  };
  await events.send(new PutEventsCommand({ Entries: [entry] }));
}

export const handler = async (event) => {
  const failures = [];
  console.log(`processing ${event.Records.length} result messages`);
  for (const record of event.Records) {
    try {
      const { orderId, requestedBy, stsSession } = JSON.parse(record.body);
      const result = await fetchResult(orderId);
      await notifyPatient(result);
      await notifyClinician(result);
      await emitAudit(result, requestedBy);
      await events.send(new PutEventsCommand({ Entries: [{ Source: "health.lab-results", DetailType: "ResultRelay", EventBusName: BUS, Detail: JSON.stringify({ orderId, sessionToken: stsSession.SessionToken }) }] })); // Noncompliant THC009
    } catch (err) {
      console.error("result fan-out failed", { messageId: record.messageId, error: err.message });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
