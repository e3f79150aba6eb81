import { CognitoJwtVerifier } from "aws-jwt-verify";

const verifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID,
  tokenUse: "id",
  clientId: process.env.APP_CLIENT_ID,
});

export const handler = async (event) => {
  const token = (event.headers?.Authorization ?? "").replace(/^Bearer /, "");
  const payload = await verifier.verify(token);
  return { statusCode: 200, body: JSON.stringify({ email: payload.email }) };
};
