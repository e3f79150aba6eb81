import type { Context, KinesisStreamEvent, S3Event, SQSEvent } from 'aws-lambda';

export const onClicks = async (event: KinesisStreamEvent, context: Context) => {
  console.log('records', event.Records.length, context.awsRequestId);
  return { batchItemFailures: [] };
};

export const onOrders = async (event: SQSEvent, context: Context) => {
  for (const record of event.Records) {
    console.info('message', record.messageId, record.attributes.ApproximateReceiveCount);
  }
};

// an S3 notification names a bucket and a key: nothing secret in it
export const onUpload = async (event: S3Event, context: Context) => {
  console.log(JSON.stringify(event));
};
