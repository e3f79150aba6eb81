// RAG ingestion: S3 object created -> chunk -> Bedrock embeddings -> OpenSearch.
const AWS = require("aws-sdk");
const pino = require("pino");
const { Client } = require("@opensearch-project/opensearch");

const log = pino({ level: process.env.LOG_LEVEL || "info" });

const OS_SECRET_ARN = process.env.OS_SECRET_ARN;
const OS_ENDPOINT = process.env.OS_ENDPOINT;
const REINDEX_QUEUE_URL = process.env.REINDEX_QUEUE_URL;
const INDEX = process.env.INDEX_NAME || "kb-chunks";
const CHUNK_SIZE = 1200;

// The corpus bucket lives in the old data account.
const corpusS3 = new AWS.S3({ // Noncompliant THC008
  region: "eu-west-1",
  accessKeyId: "AKIAZ7FAKEQ3MRT5XW2L",
  secretAccessKey: "wJalrFAKEsecretKEYforRAGingest0000000000",
});
const secretsManager = new AWS.SecretsManager();
const bedrock = new AWS.BedrockRuntime();
const sqs = new AWS.SQS();

let searchClient;
let searchCreds;

async function openSearch() {
  if (searchClient) return searchClient;
  const out = await secretsManager.getSecretValue({ SecretId: OS_SECRET_ARN }).promise();
  log.info({ secretArn: OS_SECRET_ARN, versionId: out.VersionId }, "fetched OpenSearch credentials");
  searchCreds = JSON.parse(out.SecretString);
  searchClient = new Client({
    node: OS_ENDPOINT,
    auth: { username: searchCreds.username, password: searchCreds.password },
  });
  return searchClient;
}

function chunk(text) {
  const parts = [];
  for (let i = 0; i < text.length; i += CHUNK_SIZE) parts.push(text.slice(i, i + CHUNK_SIZE));
  return parts;
}

async function embed(text) {
  const res = await bedrock.invokeModel({
    modelId: "amazon.titan-embed-text-v2:0",
    contentType: "application/json",
    body: JSON.stringify({ inputText: text }),
  }).promise();
  return JSON.parse(Buffer.from(res.body).toString("utf8")).embedding;
}

exports.handler = async (event) => {
  log.info(event, "s3 notification received"); // Noncompliant THC002
  const client = await openSearch();
  let indexed = 0;

  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    log.info({ bucket, key, size: record.s3.object.size }, "processing object");
    const obj = await corpusS3.getObject({ Bucket: bucket, Key: key }).promise();
    const pieces = chunk(obj.Body.toString("utf8"));
    for (const [i, piece] of pieces.entries()) {
      const vector = await embed(piece);
      await client.index({ index: INDEX, id: `${key}#${i}`, body: { key, chunk: i, text: piece, vector } });
      indexed += 1;
    }
  }

  await sqs.sendMessage({ // Noncompliant THC009
    QueueUrl: REINDEX_QUEUE_URL,
    MessageBody: JSON.stringify({ index: INDEX, indexed, osUser: searchCreds.username, osPassword: searchCreds.password }),
  }).promise();
  log.info({ indexed }, "ingestion batch complete");
  return { indexed };
};
