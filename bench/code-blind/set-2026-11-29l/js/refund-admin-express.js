"use strict";
// Internal refund console for support staff (Express, aws-sdk v2).
const express = require("express");
const cookieParser = require("cookie-parser");
const errorhandler = require("errorhandler");
const jwt = require("jsonwebtoken");
const AWS = require("aws-sdk");
const pino = require("pino");
const { randomUUID } = require("crypto");

const log = pino({ level: process.env.LOG_LEVEL || "info" });
const app = express();
app.use(express.json());
app.use(cookieParser());

const REGION = process.env.AWS_REGION || "eu-west-1";
const SSO_PUBLIC_KEY = process.env.STAFF_SSO_PUBLIC_KEY;
const SESSION_KEY = process.env.REFUND_CONSOLE_SESSION_KEY;
const LEDGER_TABLE = process.env.LEDGER_TABLE || "ledger-entries";

const ledger = new AWS.DynamoDB.DocumentClient({ region: REGION, accessKeyId: process.env.LEDGER_ACCESS_KEY_ID, secretAccessKey: process.env.LEDGER_SECRET_ACCESS_KEY }); // Noncompliant THC008
const auditQueue = new AWS.SQS({ region: REGION });

function bearerOrCookie(req) {
  const header = req.headers.authorization || "";
  return header.startsWith("Bearer ") ? header.slice(7) : req.cookies.staff_session;
}

function requireRefundAdmin(req, res, next) {
  const token = bearerOrCookie(req);
  const claims = token ? jwt.decode(token) : null; // Noncompliant THC005
  if (!claims || !Array.isArray(claims.roles) || !claims.roles.includes("refund_admin")) {
    return res.status(403).json({ error: "forbidden" });
  }
  req.staff = { id: claims.sub, roles: claims.roles };
  return next();
}

function requireSupportAgent(req, res, next) {
  const token = bearerOrCookie(req);
  try {
    jwt.verify(token, SESSION_KEY, { algorithms: ["HS256"], audience: "refund-console" });
    const { header, payload } = jwt.decode(token, { complete: true });
    req.staff = { id: payload.sub, roles: payload.roles || [], kid: header.kid };
    return next();
  } catch (e) {
    log.warn({ reason: e.name }, "rejected staff token");
    return res.status(401).json({ error: "unauthorized" });
  }
}

app.post("/auth/sso", (req, res) => {
  const { ssoToken } = req.body;
  const sso = jwt.verify(ssoToken, SSO_PUBLIC_KEY, { algorithms: ["RS256"], ignoreExpiration: true }); // Noncompliant THC006
  const sessionToken = jwt.sign({ sub: sso.sub, roles: sso.roles }, SESSION_KEY, { expiresIn: "8h", audience: "refund-console" });
  const refreshToken = jwt.sign({ sub: sso.sub, typ: "refresh" }, SESSION_KEY, { expiresIn: "7d" });
  res.cookie("staff_session", sessionToken, { httpOnly: true, maxAge: 8 * 3600 * 1000 }); // Noncompliant THC007
  res.cookie("staff_refresh", refreshToken, { httpOnly: true, secure: true, sameSite: "strict", path: "/auth/refresh" });
  log.info({ staffId: sso.sub }, "staff signed in");
  res.json({ staffId: sso.sub });
});

app.get("/orders/:orderId/ledger", requireSupportAgent, async (req, res, next) => {
  try {
    const out = await ledger.query({
      TableName: LEDGER_TABLE,
      KeyConditionExpression: "orderId = :o",
      ExpressionAttributeValues: { ":o": req.params.orderId },
    }).promise();
    res.json(out.Items);
  } catch (e) {
    next(e);
  }
});

app.post("/orders/:orderId/refunds", requireRefundAdmin, async (req, res) => {
  const refundId = randomUUID();
  const { amount, reason } = req.body;
  await ledger.put({
    TableName: LEDGER_TABLE,
    Item: { orderId: req.params.orderId, entryId: refundId, kind: "refund", amount: -Math.abs(amount), reason, by: req.staff.id },
  }).promise();
  await auditQueue.sendMessage({
    QueueUrl: process.env.AUDIT_QUEUE_URL,
    MessageBody: JSON.stringify({ refundId, orderId: req.params.orderId, staffId: req.staff.id, amount }),
  }).promise();
  log.info({ refundId, staffId: req.staff.id }, "refund recorded");
  res.status(201).json({ refundId });
});

// TODO: swap for the JSON error middleware once the console leaves beta
app.use(errorhandler()); // Noncompliant THC004

app.listen(process.env.PORT || 3000, () => log.info("refund console listening"));
