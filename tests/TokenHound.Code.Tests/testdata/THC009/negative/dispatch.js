const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const axios = require('axios');

const lambda = new LambdaClient({});
const sqs = new SQSClient({});

exports.handler = async (event) => {
  const token = event.headers.authorization.replace('Bearer ', '');
  const userId = event.requestContext.authorizer.jwt.claims.sub;
  const orderId = JSON.parse(event.body).orderId;

  await lambda.send(new InvokeCommand({
    FunctionName: process.env.WORKER_FN,
    Payload: Buffer.from(JSON.stringify({ orderId, userId })),
  }));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify({ orderId, userId, tokenExpiresAt: 0 }) }));
  const profile = await axios.get(`https://partner.example.com/v1/profile?user=${userId}`, { headers: { Authorization: `Bearer ${token}` } });
  return { statusCode: 202, body: JSON.stringify({ orderId, name: profile.data.name }) };
};
