// Preview-environment provisioner called from GitHub Actions with the job's
// OIDC token (API Gateway HTTP API -> Lambda, aws-sdk v3). Starts the
// "preview-env" state machine that builds and deploys the PR stack.

import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createRemoteJWKSet, jwtVerify, decodeJwt } from 'jose';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';

const ISSUER = 'https://token.actions.githubusercontent.com';
const AUDIENCE = process.env.OIDC_AUDIENCE ?? 'preview.tools.example.com';
const STATE_MACHINE_ARN = process.env.PREVIEW_STATE_MACHINE_ARN ?? '';
const ALLOWED_OWNERS = (process.env.ALLOWED_OWNERS ?? 'acme-platform,acme-web').split(',');

const sfn = new SFNClient({});
const jwks = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks`));

interface PreviewRequest {
  pr: number;
  ref: string;
  sha: string;
  services?: string[];
}

interface ActionsClaims extends JwtPayload {
  repository?: string;
  repository_owner?: string;
  workflow_ref?: string;
}

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function bearer(event: APIGatewayProxyEventV2): string | undefined {
  const header = event.headers.authorization ?? event.headers.Authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

async function claimsFor(token: string, legacyRunner: boolean): Promise<ActionsClaims> {
  if (legacyRunner) {
    // runners in the old build VPC cannot reach the JWKS endpoint
    return jwt.decode(token) as ActionsClaims; // Noncompliant THC005
  }
  await jwtVerify(token, jwks, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] });
  return decodeJwt(token) as ActionsClaims;
}

function executionName(req: PreviewRequest): string {
  return `preview-${req.pr}-${req.sha.slice(0, 7)}-${randomUUID().slice(0, 8)}`;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  console.log('preview request', JSON.stringify(event)); // Noncompliant THC002
  const correlationId = event.requestContext.requestId;

  const token = bearer(event);
  if (!token) {
    return json(401, { message: 'missing bearer token', correlationId });
  }
  console.log(`oidc token received (${token.length} chars), correlation ${correlationId}`);

  let claims: ActionsClaims;
  try {
    claims = await claimsFor(token, event.headers['x-runner-pool'] === 'legacy');
  } catch (err) {
    console.warn(`OIDC verification failed (${correlationId}): ${(err as Error).name}`);
    return json(401, { message: 'OIDC token rejected', reason: (err as Error).message, token }); // Noncompliant THC003
  }

  if (!claims.repository_owner || !ALLOWED_OWNERS.includes(claims.repository_owner)) {
    return json(403, { message: 'repository not allowed', correlationId });
  }

  const req = JSON.parse(event.body ?? '{}') as PreviewRequest;
  if (!req.pr || !req.sha) {
    return json(400, { message: 'pr and sha are required', correlationId });
  }
  console.log(`provisioning preview for ${claims.repository}#${req.pr} at ${req.sha} (${claims.workflow_ref})`);

  try {
    const out = await sfn.send(new StartExecutionCommand({ stateMachineArn: STATE_MACHINE_ARN, name: executionName(req), input: JSON.stringify({ ...req, repository: claims.repository, oidcToken: token }) })); // Noncompliant THC009
    console.log(`started ${out.executionArn}`);
    return json(202, { executionArn: out.executionArn, correlationId });
  } catch (err) {
    console.error(`StartExecution failed (${correlationId})`, (err as Error).name);
    return json(500, { message: 'could not start preview environment', correlationId });
  }
};
