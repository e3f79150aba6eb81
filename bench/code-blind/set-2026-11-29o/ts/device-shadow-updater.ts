// IoT rule "telemetry_to_shadow" -> Lambda.
// Mirrors reported telemetry into the device shadow and tells partner installers about stale firmware.
import type { Context } from "aws-lambda";
import { IoTDataPlaneClient, GetThingShadowCommand, UpdateThingShadowCommand } from "@aws-sdk/client-iot-data-plane";
import { LambdaClient, InvokeCommand } from "@aws-sdk/client-lambda";
import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";

interface TelemetryEvent {
  thingName: string;
  firmware: string;
  temperature: number;
  relayOn: boolean;
  ts: number;
  partnerAccount?: string;
}

const config = {
  endpoint: process.env.IOT_DATA_ENDPOINT ?? "",
  shadowAccessKeyId: process.env.SHADOW_WRITER_KEY_ID ?? "",
  shadowSecretAccessKey: process.env.SHADOW_WRITER_SECRET ?? "",
  partnerRoleTemplate: process.env.PARTNER_ROLE_TEMPLATE ?? "arn:aws:iam::{account}:role/firmware-notice",
  mirrorRoleArn: process.env.MIRROR_ROLE_ARN ?? "",
  notifierFn: process.env.FIRMWARE_NOTIFIER_FN ?? "firmware-notifier",
  auditFn: process.env.AUDIT_FN ?? "shadow-audit",
  latestFirmware: process.env.LATEST_FIRMWARE ?? "4.2.0",
};

const shadows = new IoTDataPlaneClient({ // Noncompliant THC008
  endpoint: `https://${config.endpoint}`,
  credentials: { accessKeyId: config.shadowAccessKeyId, secretAccessKey: config.shadowSecretAccessKey },
});

const mirrorShadows = new IoTDataPlaneClient({
  endpoint: `https://${config.endpoint}`,
  credentials: fromTemporaryCredentials({ params: { RoleArn: config.mirrorRoleArn, RoleSessionName: "shadow-mirror" } }),
});

const lambda = new LambdaClient({});
const sts = new STSClient({});
const decoder = new TextDecoder();

async function currentVersion(thingName: string): Promise<number> {
  try {
    const out = await shadows.send(new GetThingShadowCommand({ thingName }));
    return JSON.parse(decoder.decode(out.payload)).version ?? 0;
  } catch {
    return 0;
  }
}

async function notifyPartner(thingName: string, firmware: string, account: string): Promise<void> {
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({
      RoleArn: config.partnerRoleTemplate.replace("{account}", account),
      RoleSessionName: `fw-${thingName}`.slice(0, 64),
      DurationSeconds: 900,
    }),
  );
  const payload = {
    thingName,
    firmware,
    latest: config.latestFirmware,
    partnerSession: {
      accessKeyId: Credentials?.AccessKeyId,
      secretAccessKey: Credentials?.SecretAccessKey,
      sessionToken: Credentials?.SessionToken,
    },
  };
  await lambda.send(new InvokeCommand({ FunctionName: config.notifierFn, InvocationType: "Event", Payload: Buffer.from(JSON.stringify(payload)) })); // Noncompliant THC009
}

export const handler = async (event: TelemetryEvent, context: Context): Promise<void> => {
  const { thingName, firmware, temperature, relayOn, ts, partnerAccount } = event;
  const expected = await currentVersion(thingName);
  const state = { state: { reported: { firmware, temperature, relayOn, ts } }, version: expected || undefined };
  const body = Buffer.from(JSON.stringify(state));

  const out = await shadows.send(new UpdateThingShadowCommand({ thingName, payload: body }));
  await mirrorShadows.send(new UpdateThingShadowCommand({ thingName, shadowName: "mirror", payload: body }));
  const version = JSON.parse(decoder.decode(out.payload)).version;
  console.log(`shadow for ${thingName} now at version ${version} (request ${context.awsRequestId})`);

  await lambda.send(
    new InvokeCommand({
      FunctionName: config.auditFn,
      InvocationType: "Event",
      Payload: Buffer.from(JSON.stringify({ thingName, version, firmware, at: Date.now() })),
    }),
  );

  if (partnerAccount && firmware !== config.latestFirmware) {
    await notifyPartner(thingName, firmware, partnerAccount);
  }
};
