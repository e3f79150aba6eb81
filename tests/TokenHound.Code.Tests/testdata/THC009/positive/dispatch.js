const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
const { SFNClient, StartExecutionCommand } = require('@aws-sdk/client-sfn');
const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const axios = require('axios');

const lambda = new LambdaClient({});
const sfn = new SFNClient({});
const sqs = new SQSClient({});

exports.handler = async (event) => {
  const token = event.headers.authorization.replace('Bearer ', '');
  const orderId = JSON.parse(event.body).orderId;

  await lambda.send(new InvokeCommand({ // Noncompliant
    FunctionName: process.env.WORKER_FN,
    Payload: Buffer.from(JSON.stringify({ orderId, token })),
  }));

  await sfn.send(new StartExecutionCommand({ // Noncompliant
    stateMachineArn: process.env.STATE_MACHINE_ARN,
    input: JSON.stringify({ orderId, auth: event.headers.authorization }),
  }));

  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify({ orderId, token }) })); // Noncompliant

  const profile = await axios.get(`https://partner.example.com/v1/profile?access_token=${token}`); // Noncompliant
  const url = new URL('https://partner.example.com/v1/orders');
  url.searchParams.set('token', token); // Noncompliant
  return { statusCode: 202, body: JSON.stringify({ orderId, name: profile.data.name, next: url.pathname }) };
};
