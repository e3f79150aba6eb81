import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';

const cognito = new CognitoIdentityProviderClient({});

// Set-Cookie strings built into an array: each is checked where it is written
export const handler = async (event) => {
  const refreshToken = event.cookies?.find((c) => c.startsWith('rt='))?.slice(3);
  const { AuthenticationResult: auth } = await cognito.send(
    new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: process.env.CLIENT_ID, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
  );
  const cookies = [`rt=${encodeURIComponent(refreshToken)}; Path=/auth; Max-Age=2592000; HttpOnly; Secure; SameSite=Strict`];
  cookies.push(`at=${auth.AccessToken}; Path=/; Max-Age=${auth.ExpiresIn}; SameSite=Lax`); // Noncompliant
  cookies.push(`theme=dark; Path=/; SameSite=Lax`);
  return { statusCode: 204, cookies };
};
