// Claims intake API (Fastify) for the provider portal: accepts 837 claims as JSON,
// checks them with the clearinghouse and stores them for adjudication.
import Fastify, { FastifyReply, FastifyRequest } from "fastify";
import fastifyCookie from "@fastify/cookie";
import jwt, { JwtPayload, VerifyOptions } from "jsonwebtoken";
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";

const ISSUER = "https://idp.provider-portal.example-payer.com";
const CLEARINGHOUSE_SECRET_ID = "prod/claims/clearinghouse";
const CLAIMS_TABLE = process.env.CLAIMS_TABLE ?? "claims-intake";

const app = Fastify({ logger: { level: "info" } });
app.register(fastifyCookie);

const secrets = new SecretsManagerClient({});
const docs = DynamoDBDocumentClient.from(new DynamoDBClient({}));

const verifyOpts: VerifyOptions = { algorithms: ["RS256"], issuer: ISSUER, audience: "claims-api" };

interface ClaimBody {
  claimId: string;
  memberId: string;
  billingNpi: string;
  lines: Array<{ cpt: string; units: number; charge: number }>;
}

async function clearinghouseKey(req: FastifyRequest): Promise<string> {
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: CLEARINGHOUSE_SECRET_ID }));
  const { apiKey } = JSON.parse(out.SecretString ?? "{}");
  req.log.info({ secretId: CLEARINGHOUSE_SECRET_ID, versionId: out.VersionId }, "clearinghouse key loaded");
  return apiKey;
}

async function authenticate(req: FastifyRequest, reply: FastifyReply) {
  const raw = req.cookies.claims_session ?? req.headers.authorization?.replace(/^Bearer /, "");
  if (!raw) return reply.code(401).send({ message: "Unauthorized" });
  try {
    // Long-running claim uploads outlive the 15 minute session token.
    const claims = jwt.verify(raw, process.env.PORTAL_PUBLIC_KEY as string, { ...verifyOpts, ignoreExpiration: true }) as JwtPayload; // Noncompliant THC006
    (req as any).providerNpi = claims.npi;
  } catch {
    return reply.code(401).send({ message: "Unauthorized" });
  }
}

app.post("/session", async (req: FastifyRequest<{ Body: { token: string } }>, reply) => {
  const { token } = req.body;
  jwt.verify(token, process.env.PORTAL_PUBLIC_KEY as string, verifyOpts);
  reply.setCookie("claims_session", token, { path: "/", httpOnly: true, maxAge: 900 }); // Noncompliant THC007
  reply.setCookie("claims_session_hint", "1", { path: "/", secure: true, sameSite: "strict", httpOnly: true });
  return reply.code(204).send();
});

app.post("/claims", { preHandler: authenticate }, async (req: FastifyRequest<{ Body: ClaimBody }>, reply) => {
  const claim = req.body;
  const correlationId = randomUUID();
  try {
    const key = await clearinghouseKey(req);
    const res = await fetch("https://api.clearinghouse.example.net/v2/claims/validate", {
      method: "POST",
      headers: { "X-Api-Key": key, "Content-Type": "application/json" },
      body: JSON.stringify(claim),
    });
    if (!res.ok) {
      req.log.warn(`clearinghouse rejected claim ${claim.claimId} with key ${key}`); // Noncompliant THC001
      return reply.code(422).send({ message: "Claim failed validation", correlationId });
    }
    await docs.send(new PutCommand({ TableName: CLAIMS_TABLE, Item: { ...claim, receivedAt: Date.now(), status: "RECEIVED" } }));
    req.log.info({ claimId: claim.claimId, lines: claim.lines.length, keyLength: key.length }, "claim accepted");
    return reply.code(202).send({ claimId: claim.claimId, correlationId });
  } catch (err) {
    const e = err as Error;
    return reply.code(500).send({ message: e.message, stack: e.stack, claimId: claim.claimId }); // Noncompliant THC003
  }
});

app.setErrorHandler((error, req, reply) => {
  const correlationId = randomUUID();
  req.log.error({ correlationId, code: error.code }, "unhandled error");
  reply.code(500).send({ message: "Internal error", correlationId });
});

app.listen({ port: Number(process.env.PORT ?? 3000), host: "0.0.0.0" });
