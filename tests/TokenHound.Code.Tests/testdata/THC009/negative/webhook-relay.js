const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');

const sqs = new SQSClient({});
const config = { queueUrl: process.env.QUEUE_URL, secretParam: process.env.WEBHOOK_SECRET_PARAM };

// the SSM parameter's name travels with the message, not its value
exports.relay = async (delivery, eventName) => {
  await sqs.send(new SendMessageCommand({
    QueueUrl: config.queueUrl,
    MessageBody: JSON.stringify({ delivery, event: eventName, secretParameter: config.secretParam }),
  }));
};
