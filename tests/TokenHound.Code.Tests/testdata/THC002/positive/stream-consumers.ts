import type { Context, KinesisStreamEvent, SQSEvent } from 'aws-lambda';

// A typed Lambda event of another source is still the whole event: its records, bodies and attributes are logged.
export const onClicks = async (event: KinesisStreamEvent, context: Context) => {
  console.log(JSON.stringify(event, null, 2)); // Noncompliant
  return { batchItemFailures: [] };
};

export const onOrders = async (event: SQSEvent, context: Context) => {
  console.info('received', event); // Noncompliant
  for (const record of event.Records) {
    console.info('message', record.messageId);
  }
};
