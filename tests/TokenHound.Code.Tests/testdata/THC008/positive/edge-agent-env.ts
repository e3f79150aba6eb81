import { readFileSync } from "node:fs";
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";

interface EdgeConfig {
  region: string;
  keyId: string;
  secretKey: string;
  queueUrl: string;
}

const edge: EdgeConfig = JSON.parse(readFileSync("/etc/edge-agent/config.json", "utf8"));

// no instance profile on the gateway: the default chain picks the keys up from the environment
Object.assign(process.env, { AWS_REGION: edge.region, AWS_ACCESS_KEY_ID: edge.keyId, AWS_SECRET_ACCESS_KEY: edge.secretKey }); // Noncompliant

export function fallbackKeys(): void {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: "AKIAZ7FAKEK3PL5QW2XA", AWS_SECRET_ACCESS_KEY: "wJalrFAKEsecretKEYexample0000000000000000" }); // Noncompliant
}

const sqs = new SQSClient({});

export async function forward(body: string): Promise<void> {
  await sqs.send(new SendMessageCommand({ QueueUrl: edge.queueUrl, MessageBody: body }));
}
