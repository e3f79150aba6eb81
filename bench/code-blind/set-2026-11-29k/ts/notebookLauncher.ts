// Lambda behind API Gateway: creates a presigned SageMaker Studio URL for a user profile.
// Also used as a callback step in the onboarding state machine (waitForTaskToken).
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  AuthenticationResultType,
} from "@aws-sdk/client-cognito-identity-provider";
import { LambdaClient, InvokeCommand } from "@aws-sdk/client-lambda";
import { SFNClient, SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
import { SageMakerClient, CreatePresignedDomainUrlCommand } from "@aws-sdk/client-sagemaker";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

const logger = new Logger({ serviceName: "notebook-launcher" });
const cognito = new CognitoIdentityProviderClient({});
const lambda = new LambdaClient({});
const sfn = new SFNClient({});
const sagemaker = new SageMakerClient({});

const SVC_CLIENT_ID = process.env.SVC_CLIENT_ID!;
const SVC_USERNAME = process.env.SVC_USERNAME!;
const AUDIT_FUNCTION = process.env.AUDIT_FUNCTION ?? "studio-access-audit";

interface LaunchBody {
  domainId: string;
  userProfile: string;
  taskToken?: string;
}

async function serviceLogin(): Promise<AuthenticationResultType> {
  const out = await cognito.send(new InitiateAuthCommand({
    AuthFlow: "USER_PASSWORD_AUTH",
    ClientId: SVC_CLIENT_ID,
    AuthParameters: { USERNAME: SVC_USERNAME, PASSWORD: process.env.SVC_PASSWORD! },
  }));
  logger.info("service login complete", { challenge: out.ChallengeName ?? "none" });
  logger.debug("service login result", { result: out.AuthenticationResult }); // Noncompliant THC001
  return out.AuthenticationResult!;
}

const lambdaHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const body = JSON.parse(event.body ?? "{}") as LaunchBody;
  try {
    const auth = await serviceLogin();

    await lambda.send(new InvokeCommand({ // Noncompliant THC009
      FunctionName: AUDIT_FUNCTION,
      InvocationType: "Event",
      Payload: Buffer.from(JSON.stringify({
        domainId: body.domainId,
        userProfile: body.userProfile,
        idToken: auth.IdToken,
      })),
    }));

    const url = await sagemaker.send(new CreatePresignedDomainUrlCommand({
      DomainId: body.domainId,
      UserProfileName: body.userProfile,
      SessionExpirationDurationInSeconds: 1800,
    }));
    logger.info("presigned url created", { domainId: body.domainId, userProfile: body.userProfile });

    if (body.taskToken) {
      await sfn.send(new SendTaskSuccessCommand({
        taskToken: body.taskToken,
        output: JSON.stringify({ domainId: body.domainId, userProfile: body.userProfile, status: "READY" }),
      }));
    }
    return { statusCode: 200, body: JSON.stringify({ url: url.AuthorizedUrl }) };
  } catch (err) {
    const e = err as Error;
    logger.error("launch failed", e);
    return { statusCode: 500, body: JSON.stringify({ error: e.message, stack: e.stack }) }; // Noncompliant THC003
  }
};

export const handler = middy(lambdaHandler).use(injectLambdaContext(logger, { logEvent: true })); // Noncompliant THC002
