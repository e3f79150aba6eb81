import type { AppSyncAuthorizerEvent, AppSyncAuthorizerResult } from "aws-lambda";

const logger = {
  debug: (msg: string, data: Record<string, unknown> = {}) => console.debug(JSON.stringify({ level: "debug", msg, ...data })),
};

export const handler = async (event: AppSyncAuthorizerEvent): Promise<AppSyncAuthorizerResult> => {
  // an AppSync Lambda authorizer receives every header of the GraphQL request
  console.log("authorizer headers", JSON.stringify(event.requestHeaders)); // Noncompliant
  logger.debug("incoming", { api: event.requestContext.apiId, headers: event.requestHeaders }); // Noncompliant
  return { isAuthorized: event.authorizationToken.length > 0 };
};
