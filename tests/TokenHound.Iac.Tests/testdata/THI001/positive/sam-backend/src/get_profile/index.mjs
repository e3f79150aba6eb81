import { CognitoJwtVerifier } from "aws-jwt-verify";

// Re-verifies the token for defence in depth, but accepts tokens of any app client of the pool.
const verifier = CognitoJwtVerifier.create({
  userPoolId: process.env.USER_POOL_ID,
  tokenUse: "id",
  clientId: null,
});

export const handler = async (event) => {
  const token = event.headers?.Authorization ?? "";
  const payload = await verifier.verify(token.replace(/^Bearer /, ""));
  return {
    statusCode: 200,
    body: JSON.stringify({ email: payload.email, name: payload.name }),
  };
};
