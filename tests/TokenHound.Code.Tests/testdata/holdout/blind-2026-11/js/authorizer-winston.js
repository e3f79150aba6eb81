// REQUEST/TOKEN authorizer for the orders API.
const winston = require('winston');
const jwt = require('jsonwebtoken');

const logger = winston.createLogger({
  level: 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

function policy(principalId, effect, resource, ctx) {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    context: ctx,
  };
}

exports.handler = async (event) => {
  logger.info('authorizing', { methodArn: event.methodArn, type: event.type });
  const raw = event.authorizationToken || '';
  logger.debug('raw authorization', { raw }); // Noncompliant THC001
  const bearer = raw.replace(/^Bearer\s+/i, '');

  const claims = jwt.decode(bearer); // Noncompliant THC005
  if (!claims || claims['cognito:groups'] === undefined) {
    logger.warn('no groups claim', { sub: claims && claims.sub });
    return policy('anonymous', 'Deny', event.methodArn, {});
  }
  if (claims['cognito:groups'].includes('admin')) {
    return policy(claims.sub, 'Allow', event.methodArn, { role: 'admin' });
  }
  logger.warn(`denied token ${bearer}`); // Noncompliant THC001
  return policy(claims.sub, 'Deny', event.methodArn, {});
};
