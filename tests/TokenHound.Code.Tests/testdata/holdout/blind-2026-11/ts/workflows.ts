import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const sfn = new SFNClient({});
const sns = new SNSClient({});
const kinesis = new KinesisClient({});
const sts = new STSClient({});

export const handler = async (event: APIGatewayProxyEvent) => {
  const idToken = event.headers['x-id-token'] ?? '';
  const sub = event.requestContext.authorizer?.claims?.sub as string;
  const body = JSON.parse(event.body ?? '{}');

  const input = { orderId: body.orderId, sub, idToken };
  await sfn.send(new StartExecutionCommand({ stateMachineArn: process.env.SM_ARN, input: JSON.stringify(input) })); // Noncompliant THC009

  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: process.env.EXPORT_ROLE, RoleSessionName: `export-${sub}` }));
  const message = JSON.stringify({ sub, credentials: assumed.Credentials });
  await sns.send(new PublishCommand({ TopicArn: process.env.EXPORT_TOPIC, Message: message })); // Noncompliant THC009

  await kinesis.send(new PutRecordCommand({
    StreamName: process.env.STREAM,
    PartitionKey: sub,
    Data: new TextEncoder().encode(JSON.stringify({ sub, orderId: body.orderId, at: Date.now() })),
  }));

  await sfn.send(new StartExecutionCommand({
    stateMachineArn: process.env.AUDIT_SM_ARN,
    input: JSON.stringify({ sub, requestId: event.requestContext.requestId, tokenPresent: idToken.length > 0 }),
  }));
  return { statusCode: 202, body: '' };
};
