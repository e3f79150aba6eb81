#!/usr/bin/env ts-node
// mad: rolls a CloudFormation stack out to every member account listed in targets.json.
import pino from 'pino';
import { readFileSync } from 'node:fs';
import { STSClient, AssumeRoleCommand, type Credentials } from '@aws-sdk/client-sts';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';

const log = pino({ name: 'mad', level: process.env.LOG_LEVEL ?? 'info' });

interface Target {
  accountId: string;
  region: string;
  stackName: string;
}

// The artifacts bucket is still owned by the old tooling account.
const artifactCreds = { accessKeyId: 'AKIAZ7FAKEP3L4K5J6H7', secretAccessKey: 'Xy7FAKEartifactBucketSecretKey0000000000' }; // Noncompliant THC008
const artifacts = new S3Client({ region: 'us-east-1', credentials: artifactCreds });

const sts = new STSClient({});
const sfn = new SFNClient({});

async function templateBody(key: string): Promise<string> {
  const obj = await artifacts.send(new GetObjectCommand({ Bucket: process.env.ARTIFACT_BUCKET, Key: key }));
  return obj.Body!.transformToString();
}

async function assumeInto(t: Target): Promise<Credentials> {
  const roleArn = `arn:aws:iam::${t.accountId}:role/OrgDeploymentRole`;
  const out = await sts.send(new AssumeRoleCommand({
    RoleArn: roleArn,
    RoleSessionName: `mad-${t.accountId}`,
    DurationSeconds: 3600,
  }));
  log.info({ accountId: t.accountId, roleArn, expires: out.Credentials?.Expiration }, 'assumed deployment role');
  return out.Credentials!;
}

function cfnFor(t: Target, c: Credentials): CloudFormationClient {
  const credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
  return new CloudFormationClient({ region: t.region, credentials });
}

async function deploy(t: Target, body: string) {
  const creds = await assumeInto(t);
  const cfn = cfnFor(t, creds);
  const name = `mad-${Date.now()}`;
  const cs = await cfn.send(new CreateChangeSetCommand({
    StackName: t.stackName,
    ChangeSetName: name,
    ChangeSetType: 'UPDATE',
    TemplateBody: body,
    Capabilities: ['CAPABILITY_NAMED_IAM'],
  }));
  await waitUntilChangeSetCreateComplete({ client: cfn, maxWaitTime: 600 }, { StackName: t.stackName, ChangeSetName: name });
  await cfn.send(new ExecuteChangeSetCommand({ StackName: t.stackName, ChangeSetName: name }));
  log.info({ accountId: t.accountId, stack: t.stackName, changeSet: cs.Id }, 'change set executed');

  if (process.env.POST_DEPLOY_SFN_ARN) {
    const input = { target: t, changeSetId: cs.Id, memberCredentials: creds };
    await sfn.send(new StartExecutionCommand({ // Noncompliant THC009
      stateMachineArn: process.env.POST_DEPLOY_SFN_ARN,
      name: `${t.accountId}-${name}`,
      input: JSON.stringify(input),
    }));
  }
}

async function main() {
  const targets: Target[] = JSON.parse(readFileSync(process.argv[2] ?? 'targets.json', 'utf8'));
  const body = await templateBody(process.env.TEMPLATE_KEY ?? 'platform/baseline.yaml');
  const results: Record<string, string> = {};
  for (const t of targets) {
    try {
      await deploy(t, body);
      results[t.accountId] = 'ok';
    } catch (err) {
      log.error({ accountId: t.accountId, err: (err as Error).message }, 'deployment failed');
      results[t.accountId] = 'failed';
    }
  }
  const taskToken = process.env.SFN_TASK_TOKEN;
  if (taskToken) {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ results }) }));
  }
  log.info({ results }, 'rollout finished');
}

main().catch((err) => {
  log.fatal({ err: (err as Error).message }, 'mad crashed');
  process.exit(1);
});
