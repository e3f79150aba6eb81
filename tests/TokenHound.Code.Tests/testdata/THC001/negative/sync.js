const { DynamoDBClient, ScanCommand } = require('@aws-sdk/client-dynamodb');
const { getToken } = require('./app-check');

const ddb = new DynamoDBClient({});

// Pagination tokens and a token's error are not credentials.
exports.handler = async (event, context) => {
  let nextToken;
  let pages = 0;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: process.env.TABLE, ExclusiveStartKey: nextToken }));
    nextToken = page.LastEvaluatedKey;
    pages++;
    console.log('page', pages, 'continuation', nextToken);
  } while (nextToken);

  const appCheckToken = await getToken();
  if (appCheckToken.error) {
    console.warn(`Unable to obtain a valid App Check token: ${appCheckToken.error.message}`);
  }
  console.log('app check token expires', appCheckToken.expireTimeMillis > Date.now() ? 'later' : 'now', appCheckToken.status);
  return { statusCode: 200, body: JSON.stringify({ pages }) };
};
