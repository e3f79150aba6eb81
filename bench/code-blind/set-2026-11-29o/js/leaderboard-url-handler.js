// Score submission for the weekly leaderboards.
// Lambda function URL (payload format 2.0) -> third-party leaderboard SaaS + achievements queue.
const { SecretsManagerClient, GetSecretValueCommand } = require("@aws-sdk/client-secrets-manager");
const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");
const { CognitoJwtVerifier } = require("aws-jwt-verify");

const secrets = new SecretsManagerClient({});
const sqs = new SQSClient({});

const SECRET_ID = process.env.LEADERBOARD_SECRET_ARN;
const ACHIEVEMENTS_QUEUE = process.env.ACHIEVEMENTS_QUEUE_URL;
const ANALYTICS_QUEUE = process.env.ANALYTICS_QUEUE_URL;
const BASE = process.env.LEADERBOARD_API || "https://api.scoreboard.example.net/v2";

const verifier = CognitoJwtVerifier.create({
  userPoolId: process.env.PLAYER_POOL_ID,
  tokenUse: "access",
  clientId: process.env.PLAYER_APP_CLIENT_ID,
});

let cachedKey;

async function apiKey() {
  if (cachedKey) return cachedKey;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: SECRET_ID }));
  cachedKey = JSON.parse(out.SecretString).apiKey;
  console.log(`leaderboard credentials loaded from ${SECRET_ID} (${cachedKey.length} chars)`);
  return cachedKey;
}

function submitScore(key, board, entry) {
  return fetch(`${BASE}/boards/${encodeURIComponent(board)}/entries`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body: JSON.stringify(entry),
  }).then((res) => {
    if (!res.ok) throw new Error(`leaderboard responded ${res.status}`);
    return res.json();
  });
}

function fetchRank(key, board, playerId) {
  return fetch(`${BASE}/boards/${encodeURIComponent(board)}/rank?player=${encodeURIComponent(playerId)}&api_key=${key}`) // Noncompliant THC009
    .then((res) => (res.ok ? res.json() : { rank: null }));
}

async function queueFollowUps(playerId, playerToken, board, score) {
  await sqs.send(new SendMessageCommand({ // Noncompliant THC009
    QueueUrl: ACHIEVEMENTS_QUEUE,
    MessageBody: JSON.stringify({ playerId, board, score, playerToken }),
  }));
  await sqs.send(new SendMessageCommand({
    QueueUrl: ANALYTICS_QUEUE,
    MessageBody: JSON.stringify({ type: "score_submitted", playerId, board, score, at: Date.now() }),
  }));
}

exports.handler = async (event) => {
  const playerToken = (event.headers?.authorization || "").replace(/^Bearer\s+/i, "");
  let claims;
  try {
    claims = await verifier.verify(playerToken);
  } catch {
    return { statusCode: 401, body: JSON.stringify({ error: "unauthorized" }) };
  }

  try {
    const { board = "weekly", score } = JSON.parse(event.body || "{}");
    if (!Number.isInteger(score) || score < 0) {
      return { statusCode: 400, body: JSON.stringify({ error: "score must be a non-negative integer" }) };
    }
    const key = await apiKey();
    const playerId = claims.sub;
    await submitScore(key, board, { playerId, score, submittedAt: new Date().toISOString() });
    const { rank } = await fetchRank(key, board, playerId);
    await queueFollowUps(playerId, playerToken, board, score);
    return { statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ board, rank }) };
  } catch (e) {
    console.error("score submission failed", e.name, e.message);
    return { statusCode: 502, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: e.message, token: playerToken }) }; // Noncompliant THC003
  }
};
