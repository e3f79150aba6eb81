// Slack slash command "/logs <group> <query>" for the platform team.
// Express app on ECS behind an ALB, aws-sdk v3.

import crypto from 'node:crypto';
import express from 'express';
import errorhandler from 'errorhandler';
import pino from 'pino';
import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import {
  CloudWatchLogsClient,
  StartQueryCommand,
  GetQueryResultsCommand,
} from '@aws-sdk/client-cloudwatch-logs';

const logger = pino({ level: process.env.LOG_LEVEL || 'info' });
const region = process.env.AWS_REGION || 'eu-west-1';
const PORT = Number(process.env.PORT || 3000);

// parameters live in the shared-tools account, reached with the bot's own IAM user
const ssm = new SSMClient({ region, credentials: { accessKeyId: process.env.BOT_AWS_KEY_ID, secretAccessKey: process.env.BOT_AWS_SECRET } }); // Noncompliant THC008
const logs = new CloudWatchLogsClient({ region });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function getParam(name) {
  const out = await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return out.Parameter.Value;
}

let slackConfig;
async function config() {
  if (!slackConfig) {
    const [signingSecret, botToken] = await Promise.all([
      getParam('/chatops/slack/signing-secret'),
      getParam('/chatops/slack/bot-token'),
    ]);
    slackConfig = { signingSecret, botToken };
    logger.info({ parameter: '/chatops/slack/bot-token', length: botToken.length }, 'slack credentials loaded');
  }
  return slackConfig;
}

function verifySlack(req, signingSecret) {
  const ts = req.get('X-Slack-Request-Timestamp');
  const sig = req.get('X-Slack-Signature') || '';
  if (!ts || Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
  const expected = 'v0=' + crypto.createHmac('sha256', signingSecret).update(`v0:${ts}:${req.rawBody}`).digest('hex');
  return expected.length === sig.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(sig));
}

async function postToSlack(channel, text, botToken) {
  const res = await fetch('https://slack.com/api/chat.postMessage', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${botToken}` },
    body: JSON.stringify({ channel, text }),
  });
  return res.json();
}

async function runLogSearch(logGroupName, queryString) {
  const endTime = Math.floor(Date.now() / 1000);
  const { queryId } = await logs.send(new StartQueryCommand({
    logGroupName, queryString, startTime: endTime - 3600, endTime, limit: 20,
  }));
  for (let i = 0; i < 30; i += 1) {
    const out = await logs.send(new GetQueryResultsCommand({ queryId }));
    if (out.status === 'Complete') return out.results;
    await sleep(1000);
  }
  throw new Error(`query ${queryId} timed out`);
}

const formatRows = (rows) => rows
  .map((fields) => fields.map(({ field, value }) => `${field}=${value}`).join(' '))
  .join('\n') || 'no results';

const app = express();
app.use(express.urlencoded({ extended: false, verify: (req, _res, buf) => { req.rawBody = buf.toString('utf8'); } }));

app.post('/slack/commands', async (req, res, next) => {
  logger.info({ headers: req.headers }, 'slash command received'); // Noncompliant THC002
  try {
    const cfg = await config();
    if (!verifySlack(req, cfg.signingSecret)) return res.status(401).send('bad signature');

    const { command, text = '', user_id: userId, channel_id: channelId } = req.body;
    logger.info({ command, userId, channelId }, 'dispatching log search');
    res.status(200).json({ response_type: 'ephemeral', text: 'Searching logs…' });

    const [logGroup, ...rest] = text.trim().split(/\s+/);
    const rows = await runLogSearch(logGroup, rest.join(' ') || 'fields @timestamp, @message | sort @timestamp desc');
    const { botToken } = cfg;
    logger.debug(`replying in ${channelId} with bot token ${botToken}`); // Noncompliant THC001
    await postToSlack(channelId, formatRows(rows), botToken);
  } catch (err) {
    next(err);
  }
});

app.get('/healthz', (_req, res) => res.json({ ok: true }));

app.use(errorhandler()); // Noncompliant THC004

app.listen(PORT, () => logger.info({ port: PORT }, 'log search bot listening'));
