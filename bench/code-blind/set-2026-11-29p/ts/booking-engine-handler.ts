// Booking engine: HTTP API (payload v2) -> Lambda. Prices a fare with the GDS partner,
// holds the seat, and hands ticketing to the async ticketing Lambda.

import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { LambdaClient, InvokeCommand, InvocationType } from '@aws-sdk/client-lambda';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const logger = new Logger({ serviceName: 'booking-engine' });
const lambda = new LambdaClient({});
const secrets = new SecretsManagerClient({});

const GDS_SECRET_ID = process.env.GDS_SECRET_ID ?? 'prod/booking/gds-partner';
const TICKETING_FUNCTION = process.env.TICKETING_FUNCTION ?? 'ticketing-issue';

interface GdsSession {
  sessionToken: string;
  pcc: string;
  expiresAt: number;
}

interface BookingRequest {
  offerId: string;
  passengers: Array<{ givenName: string; surname: string; dob: string }>;
  contactEmail: string;
}

let session: GdsSession | undefined;

async function gdsSession(): Promise<GdsSession> {
  if (session && session.expiresAt > Date.now() + 60_000) {
    return session;
  }
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: GDS_SECRET_ID }));
  const creds = JSON.parse(secret.SecretString ?? '{}') as { user: string; password: string; pcc: string };
  const res = await fetch('https://ws.gds-partner.example/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: creds.user, password: creds.password, pcc: creds.pcc }),
  });
  const body = (await res.json()) as { token: string; ttl: number };
  session = { sessionToken: body.token, pcc: creds.pcc, expiresAt: Date.now() + body.ttl * 1000 };
  logger.info(`GDS session opened for PCC ${creds.pcc}: ${session.sessionToken}`); // Noncompliant THC001
  return session;
}

async function holdSeat(gds: GdsSession, req: BookingRequest): Promise<string> {
  const res = await fetch(`https://ws.gds-partner.example/offers/${encodeURIComponent(req.offerId)}/hold`, {
    method: 'POST',
    headers: { authorization: `Session ${gds.sessionToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ passengers: req.passengers, contact: req.contactEmail }),
  });
  if (!res.ok) {
    throw new Error(`hold failed with ${res.status}`);
  }
  const { recordLocator } = (await res.json()) as { recordLocator: string };
  return recordLocator;
}

const json = (statusCode: number, body: unknown): APIGatewayProxyResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
  logger.addContext(context);
  logger.debug('booking request', JSON.stringify(event)); // Noncompliant THC002

  if (!event.body) {
    return json(400, { message: 'missing body', requestId: context.awsRequestId });
  }

  try {
    const request = JSON.parse(event.body) as BookingRequest;
    const gds = await gdsSession();
    const pnr = await holdSeat(gds, request);
    logger.info('seat held', { pnr, offerId: request.offerId, pax: request.passengers.length });

    const ticketingPayload = {
      pnr,
      offerId: request.offerId,
      customerAuth: event.headers.authorization,
    };
    await lambda.send(new InvokeCommand({ FunctionName: TICKETING_FUNCTION, InvocationType: InvocationType.Event, Payload: Buffer.from(JSON.stringify(ticketingPayload)) })); // Noncompliant THC009

    await lambda.send(
      new InvokeCommand({
        FunctionName: 'booking-notifications',
        InvocationType: InvocationType.Event,
        Payload: Buffer.from(JSON.stringify({ pnr, email: request.contactEmail })),
      }),
    );

    return json(201, { recordLocator: pnr, status: 'HELD' });
  } catch (err) {
    const error = err as Error;
    logger.error('booking failed', { requestId: context.awsRequestId, reason: error.message });
    return json(502, { message: `Booking failed: ${error.message}`, request: event.body }); // Noncompliant THC003
  }
};
