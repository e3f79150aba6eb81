import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';

const logger = new Logger({ serviceName: 'session' });
const ssm = new SSMClient({});

interface SessionRequest {
  refreshToken: string;
  deviceId?: string;
}

export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
  const body = JSON.parse(event.body ?? '{}') as SessionRequest;
  logger.info('refresh requested', { device: body.deviceId });
  logger.info('refresh token received', { refreshToken: body.refreshToken }); // Noncompliant

  const param = await ssm.send(new GetParameterCommand({ Name: '/app/client-secret', WithDecryption: true }));
  const clientSecret: string = param.Parameter!.Value!;
  logger.debug(`client secret loaded: ${clientSecret}`); // Noncompliant

  const session = await exchange(body.refreshToken, clientSecret);
  console.log('new session', session.accessToken as string); // Noncompliant
  return { statusCode: 200, body: JSON.stringify({ ok: true }) };
};

async function exchange(refreshToken: string, secret: string): Promise<{ accessToken: string }> {
  const res = await fetch('https://auth.example.com/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  return (await res.json()) as { accessToken: string };
}
