import type { AppSyncAuthorizerEvent, AppSyncAuthorizerResult } from 'aws-lambda';

// an AppSync authorizer event carries the caller's authorizationToken
export const handler = async (event: AppSyncAuthorizerEvent): Promise<AppSyncAuthorizerResult> => {
  console.info('authorizer invoked', JSON.stringify(event)); // Noncompliant
  console.info('api', event.requestContext.apiId);
  return { isAuthorized: false };
};
