import type { SQSEvent, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { SFNClient, StartExecutionCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import { Logger } from '@aws-lambda-powertools/logger';

// Number-porting worker: consumes port-in requests from SQS, obtains a carrier
// clearing-house token and starts the porting state machine.

interface PortRequest {
  portId: string;
  msisdn: string;
  donorCarrier: string;
  taskToken?: string; // present when the request is a callback from a waiting state
}

interface LegacyBucketConfig { keyId: string; secret: string }

const logger = new Logger({ serviceName: 'number-porting' });
const sfn = new SFNClient({});
const sts = new STSClient({});
const ssm = new SSMClient({});
const STATE_MACHINE_ARN = process.env.PORTING_STATE_MACHINE_ARN!;
const CLEARING_HOUSE_ROLE = process.env.CLEARING_HOUSE_ROLE_ARN!;

async function secureParam(name: string): Promise<string> {
  const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return out.Parameter?.Value ?? '';
}

async function configureLegacyExport(): Promise<void> {
  const cfg = JSON.parse(await secureParam('/porting/legacy-export')) as LegacyBucketConfig;
  // the legacy CDR exporter library only reads credentials from the environment
  process.env.AWS_ACCESS_KEY_ID = cfg.keyId; // Noncompliant THC008
  process.env.AWS_SECRET_ACCESS_KEY = cfg.secret; // Noncompliant THC008
  logger.info('legacy export configured', { parameter: '/porting/legacy-export' });
}

async function clearingHouseSession(portId: string) {
  const { Credentials } = await sts.send(new AssumeRoleCommand({
    RoleArn: CLEARING_HOUSE_ROLE,
    RoleSessionName: `port-${portId}`,
    DurationSeconds: 900,
  }));
  logger.debug(`assumed clearing-house role, session token ${Credentials?.SessionToken}`); // Noncompliant THC001
  logger.debug('clearing-house session expires', { portId, expiration: Credentials?.Expiration?.toISOString() });
  return Credentials!;
}

async function carrierToken(donorCarrier: string): Promise<string> {
  return secureParam(`/porting/carriers/${donorCarrier}/api-token`);
}

async function processRecord(record: SQSRecord): Promise<void> {
  const req = JSON.parse(record.body) as PortRequest;

  if (req.taskToken) {
    await sfn.send(new SendTaskSuccessCommand({ taskToken: req.taskToken, output: JSON.stringify({ portId: req.portId, status: 'DONOR_ACK' }) }));
    logger.info('donor acknowledgement forwarded', { portId: req.portId });
    return;
  }

  await clearingHouseSession(req.portId);
  const token = await carrierToken(req.donorCarrier);
  const input = { portId: req.portId, msisdn: req.msisdn, donorCarrier: req.donorCarrier, carrierToken: token };
  await sfn.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: req.portId, input: JSON.stringify(input) })); // Noncompliant THC009
  logger.info('porting execution started', { portId: req.portId, donorCarrier: req.donorCarrier });
}

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  logger.debug(JSON.stringify(event)); // Noncompliant THC002
  await configureLegacyExport();
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await processRecord(record);
    } catch (err) {
      logger.error('port request failed', { messageId: record.messageId, error: (err as Error).name });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
