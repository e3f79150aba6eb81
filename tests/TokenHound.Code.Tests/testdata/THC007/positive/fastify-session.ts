// Fastify login route with @fastify/cookie: the refresh token cookie is missing its flags.
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';

const app = Fastify();
app.register(cookie);
const cognito = new CognitoIdentityProviderClient({});

app.post('/session', async (request, reply) => {
  const { username, password } = request.body as { username: string; password: string };
  const out = await cognito.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: process.env.CLIENT_ID!,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }));
  const result = out.AuthenticationResult!;
  reply.setCookie('refresh_token', result.RefreshToken!, { path: '/session' }); // Noncompliant
  return { expiresIn: result.ExpiresIn };
});
