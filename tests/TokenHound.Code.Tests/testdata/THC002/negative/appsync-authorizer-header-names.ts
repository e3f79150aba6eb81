import type { AppSyncAuthorizerEvent, AppSyncAuthorizerResult } from "aws-lambda";

export const handler = async (event: AppSyncAuthorizerEvent): Promise<AppSyncAuthorizerResult> => {
  // the header names, the operation and the user agent: not the credentials
  console.log("authorizer", event.requestContext.operationName, Object.keys(event.requestHeaders), event.requestHeaders["user-agent"]);
  return { isAuthorized: event.authorizationToken.length > 0 };
};
