// Orders API (Node.js 20). Deliberately leaky: see ../../README.md.
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import jwt from "jsonwebtoken";

const sfn = new SFNClient({
  region: "us-east-1",
  credentials: {
    accessKeyId: "AKIAZ7FAKEKEY2345X7Q",
    secretAccessKey: "fAkEdemoSecretKey/TokenHound+0nly9xZq2Wm",
  },
});

// A token copied from a debugging session and never removed.
const SERVICE_TOKEN = "eyJraWQiOiJmYWtlLWtpZC0wMDAxIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiIzZjFjMmE5ZS0wMDAwLTQwMDAtODAwMC1mYWtldXNlcjAwMDEiLCJpc3MiOiJodHRwczovL2NvZ25pdG8taWRwLnVzLWVhc3QtMS5hbWF6b25hd3MuY29tL3VzLWVhc3QtMV9GQUtFcG9vbDEiLCJjbGllbnRfaWQiOiJmYWtlY2xpZW50MDAwMDAwMDAwMDAwMDAwMSIsInRva2VuX3VzZSI6ImFjY2VzcyIsInNjb3BlIjoiYXdzLmNvZ25pdG8uc2lnbmluLnVzZXIuYWRtaW4iLCJleHAiOjQxMDI0NDQ4MDAsImlhdCI6MTc2NzIyNTYwMCwidXNlcm5hbWUiOiJkZW1vLXVzZXIifQ.bm90LWEtcmVhbC1zaWduYXR1cmUtdG9rZW5ob3VuZC1kZW1vLTAxMjM0NTY3ODlhYmNkZWY";

export const handler = async (event) => {
  console.log("incoming event", JSON.stringify(event));           // logs every header, Authorization included
  const auth = event.headers.Authorization;
  console.log(`auth header: ${auth}`);                          // logs the bearer token

  try {
    const claims = jwt.decode(auth.replace("Bearer ", ""));       // decoded, never verified
    if (claims["cognito:groups"]?.includes("admin")) {
      await sfn.send(new StartExecutionCommand({
        stateMachineArn: process.env.CHECKOUT_ARN,
        input: JSON.stringify({ order: event.body, token: auth }), // the token travels downstream
      }));
    }
    console.log("request id", event.requestContext.requestId);    // fine: no token here
    return { statusCode: 200, body: JSON.stringify({ ok: true }) };
  } catch (err) {
    return { statusCode: 500, body: JSON.stringify({ error: err.message, stack: err.stack }) };
  }
};
