// Nightly route-optimisation batch (ECS task, invoked as a Step Functions .waitForTaskToken step).
// Reads tomorrow's stops from S3, asks the maps provider for a distance matrix, writes plans back.

import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand, SendTaskSuccessCommand, SendTaskFailureCommand } from '@aws-sdk/client-sfn';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import pino from 'pino';

const log = pino({ name: 'route-optimizer', level: process.env.LOG_LEVEL ?? 'info' });

const config = Object.freeze({
  region: process.env.AWS_REGION ?? 'us-east-2',
  plansBucket: process.env.PLANS_BUCKET,
  mapsKeyParam: process.env.MAPS_KEY_PARAM ?? '/routing/maps-provider/api-key',
  dispatchStateMachine: process.env.DISPATCH_STATE_MACHINE_ARN,
  depot: process.env.DEPOT_CODE ?? 'CLE-01',
});

// The plans bucket lives in the legacy logistics account; the task role cannot reach it yet.
const s3 = new S3Client({ region: config.region, credentials: { accessKeyId: process.env.LEGACY_PLANS_KEY_ID, secretAccessKey: process.env.LEGACY_PLANS_SECRET } }); // Noncompliant THC008
const sfn = new SFNClient({ region: config.region });
const ssm = new SSMClient({ region: config.region });
const ddb = new DynamoDBClient({ region: config.region });

async function readStops(key) {
  const obj = await s3.send(new GetObjectCommand({ Bucket: config.plansBucket, Key: key }));
  const text = await obj.Body.transformToString();
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

async function mapsApiKey() {
  log.info({ parameter: config.mapsKeyParam }, 'fetching maps provider key');
  const { Parameter } = await ssm.send(new GetParameterCommand({ Name: config.mapsKeyParam, WithDecryption: true }));
  return Parameter.Value;
}

function clusterStops(stops, maxPerRoute = 28) {
  const sorted = [...stops].sort((a, b) => a.lat - b.lat || a.lng - b.lng);
  const routes = [];
  for (let i = 0; i < sorted.length; i += maxPerRoute) {
    routes.push({ routeId: `${config.depot}-${routes.length + 1}`, stops: sorted.slice(i, i + maxPerRoute) });
  }
  return routes;
}

async function optimise(routes, apiKey) {
  const res = await fetch('https://matrix.maps-provider.example/v2/optimise', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Key': apiKey },
    body: JSON.stringify({ routes }),
  });
  if (!res.ok) {
    throw new Error(`maps provider answered ${res.status}`);
  }
  return res.json();
}

async function run({ taskToken, stopsKey, serviceDate }) {
  const key = await mapsApiKey();
  log.debug({ mapsKey: key, serviceDate }, 'maps provider configured'); // Noncompliant THC001

  const stops = await readStops(stopsKey);
  log.info({ stopCount: stops.length, stopsKey }, 'stops loaded');

  const plan = await optimise(clusterStops(stops), key);
  const planKey = `plans/${config.depot}/${serviceDate}.json`;
  await s3.send(new PutObjectCommand({ Bucket: config.plansBucket, Key: planKey, Body: JSON.stringify(plan) }));

  await ddb.send(new PutItemCommand({
    TableName: 'route-plans',
    Item: { depot: { S: config.depot }, serviceDate: { S: serviceDate }, planKey: { S: planKey } },
  }));

  const dispatchInput = { depot: config.depot, serviceDate, planKey, mapsApiKey: key };
  await sfn.send(new StartExecutionCommand({ stateMachineArn: config.dispatchStateMachine, input: JSON.stringify(dispatchInput) })); // Noncompliant THC009

  await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ planKey, routes: plan.routes.length }) }));
  log.info({ planKey }, 'route plan published');
}

const input = JSON.parse(process.env.TASK_INPUT ?? '{}');
run(input).catch(async (err) => {
  log.error({ err: err.message, stopsKey: input.stopsKey }, 'route optimisation failed');
  await sfn.send(new SendTaskFailureCommand({ taskToken: input.taskToken, error: 'OptimiseFailed', cause: err.message }));
  process.exitCode = 1;
});
