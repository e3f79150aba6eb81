const axios = require('axios');
const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');

const lambda = new LambdaClient({});
const sqs = new SQSClient({});
const bus = new EventBridgeClient({});

exports.handler = async (event) => {
  const authHeader = event.headers.authorization || event.headers.Authorization;
  const userId = event.requestContext.authorizer.jwt.claims.sub;

  await lambda.send(new InvokeCommand({ // Noncompliant THC009
    FunctionName: process.env.REPORT_FN,
    InvocationType: 'Event',
    Payload: Buffer.from(JSON.stringify({ userId, auth: authHeader })),
  }));

  const msg = { userId, orderId: event.pathParameters.id, bearer: authHeader };
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(msg) })); // Noncompliant THC009

  await bus.send(new PutEventsCommand({
    Entries: [{ Source: 'orders', DetailType: 'OrderViewed', Detail: JSON.stringify({ userId, requestId: event.requestContext.requestId }) }],
  }));

  const profile = await axios.get(`${process.env.PROFILE_API}/users/${userId}`, { headers: { Authorization: authHeader } });
  const token = authHeader.split(' ')[1];
  const prefs = await fetch(`${process.env.PREFS_API}/prefs?user=${userId}&access_token=${token}`); // Noncompliant THC009
  const audit = await axios.get(process.env.AUDIT_API, { params: { user: userId, token } }); // Noncompliant THC009

  return { statusCode: 200, body: JSON.stringify({ profile: profile.data, prefs: await prefs.json(), audit: audit.status }) };
};
