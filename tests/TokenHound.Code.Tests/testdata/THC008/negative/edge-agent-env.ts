import { readFileSync } from "node:fs";
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";

interface EdgeConfig {
  region: string;
  roleArn: string;
  queueUrl: string;
}

const edge: EdgeConfig = JSON.parse(readFileSync("/etc/edge-agent/config.json", "utf8"));

// only the region and the role to assume go into the environment; the keys come from the web-identity chain
Object.assign(process.env, { AWS_REGION: edge.region, AWS_ROLE_ARN: edge.roleArn, AWS_WEB_IDENTITY_TOKEN_FILE: "/var/run/edge/token" });

// a settings object of the app's own, not the process environment
const settings = Object.assign({}, { AWS_ACCESS_KEY_ID_PARAM: "/edge/key-id", queueUrl: edge.queueUrl });

const sqs = new SQSClient({});

export async function forward(body: string): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: settings.queueUrl, MessageBody: body }));
}
