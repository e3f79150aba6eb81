import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

const cognito = new CognitoIdentityProviderClient({});
const USER_POOL_ID = process.env.USER_POOL_ID!;
const CLIENT_ID = process.env.CLIENT_ID!;

const accessVerifier = CognitoJwtVerifier.create({
  userPoolId: USER_POOL_ID,
  tokenUse: 'access',
  clientId: CLIENT_ID,
});

const idVerifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId: USER_POOL_ID,
  tokenUse: 'id',
  clientId: null,
});

export async function login(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const { username, password } = JSON.parse(event.body ?? '{}');
  console.log('login attempt', { username });
  const result = await cognito.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: CLIENT_ID,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }));
  console.log('cognito auth result', result.AuthenticationResult); // Noncompliant THC001
  console.log('token expires in', result.AuthenticationResult?.ExpiresIn);
  return {
    statusCode: 200,
    body: JSON.stringify({ idToken: result.AuthenticationResult?.IdToken, expiresIn: result.AuthenticationResult?.ExpiresIn }),
  };
}

export async function me(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const token = event.headers['authorization']?.replace('Bearer ', '') ?? '';
  try {
    const payload = await accessVerifier.verify(token);
    console.log('me for user', payload.sub);
    return { statusCode: 200, body: JSON.stringify({ sub: payload.sub, username: payload.username }) };
  } catch {
    return { statusCode: 401, body: JSON.stringify({ message: 'unauthorized' }) };
  }
}

export async function profile(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const idToken = event.headers['x-id-token'] ?? '';
  try {
    const claims = await idVerifier.verify(idToken);
    return { statusCode: 200, body: JSON.stringify({ email: claims.email }) };
  } catch (err) {
    return { statusCode: 401, body: JSON.stringify({ message: 'invalid token', token: idToken }) }; // Noncompliant THC003
  }
}
