"use strict";
// Insurance eligibility service (X12 270/271 over REST) for the member portal.
const express = require("express");
const cookieParser = require("cookie-parser");
const errorhandler = require("errorhandler");
const jwt = require("jsonwebtoken");
const AWS = require("aws-sdk");
const pino = require("pino");

const log = pino({ level: process.env.LOG_LEVEL || "info" });
const config = {
  region: process.env.AWS_REGION || "us-east-2",
  table: process.env.ELIGIBILITY_TABLE || "member-eligibility",
  jwtPublicKey: process.env.PORTAL_JWT_PUBLIC_KEY,
  issuer: "https://login.member-portal.example-health.org",
  audience: "eligibility-api",
  keyId: process.env.ELIG_AWS_KEY_ID,
  keySecret: process.env.ELIG_AWS_KEY_SECRET,
};

const documents = new AWS.DynamoDB.DocumentClient({ // Noncompliant THC008
  region: config.region,
  accessKeyId: config.keyId,
  secretAccessKey: config.keySecret,
});
const auditBucket = new AWS.S3({ region: config.region }); // instance profile

const app = express();
app.use(express.json({ limit: "256kb" }));
app.use(cookieParser());

function bearer(req) {
  const h = req.get("authorization") || "";
  return h.toLowerCase().startsWith("bearer ") ? h.slice(7) : req.cookies.elig_session;
}

// Verified path used by the member-facing routes.
function requireMember(req, res, next) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: "unauthorized" });
  try {
    jwt.verify(token, config.jwtPublicKey, { algorithms: ["RS256"], issuer: config.issuer, audience: config.audience });
    const claims = jwt.decode(token);
    req.member = { id: claims.sub, plan: claims.plan_id };
    return next();
  } catch (e) {
    log.info({ reason: e.name, path: req.path }, "token rejected");
    return res.status(401).json({ error: "unauthorized" });
  }
}

// Back-office override route: "the gateway already checked it".
function requireBenefitsAdmin(req, res, next) {
  const claims = jwt.decode(bearer(req)) || {}; // Noncompliant THC005
  if (claims.role !== "benefits-admin") return res.status(403).json({ error: "forbidden" });
  req.admin = claims.sub;
  next();
}

function requireCaseworker(req, res, next) {
  try {
    const claims = jwt.verify(bearer(req), config.jwtPublicKey, { algorithms: ["RS256"], ignoreExpiration: true }); // Noncompliant THC006
    req.caseworker = claims.sub;
    next();
  } catch (e) {
    res.status(401).json({ error: "unauthorized" });
  }
}

app.post("/session", requireMember, (req, res) => {
  const token = bearer(req);
  res.cookie("elig_session", token, { httpOnly: true, maxAge: 15 * 60 * 1000 }); // Noncompliant THC007
  res.cookie("elig_pref_lang", req.body.lang || "en", { maxAge: 365 * 864e5 });
  res.cookie("elig_csrf", req.body.nonce, { httpOnly: true, secure: true, sameSite: "strict" });
  res.status(204).end();
});

app.get("/eligibility/:memberId", requireMember, async (req, res, next) => {
  try {
    const out = await documents.get({ TableName: config.table, Key: { memberId: req.params.memberId } }).promise();
    log.info({ memberId: req.params.memberId, found: Boolean(out.Item) }, "eligibility lookup");
    res.json(out.Item || { memberId: req.params.memberId, status: "unknown" });
  } catch (err) {
    next(err);
  }
});

app.put("/eligibility/:memberId/override", requireBenefitsAdmin, async (req, res) => {
  await documents.update({
    TableName: config.table,
    Key: { memberId: req.params.memberId },
    UpdateExpression: "SET overrideStatus = :s, overriddenBy = :a",
    ExpressionAttributeValues: { ":s": req.body.status, ":a": req.admin },
  }).promise();
  await auditBucket.putObject({ Bucket: "elig-audit", Key: `${Date.now()}-${req.params.memberId}.json`, Body: JSON.stringify({ by: req.admin }) }).promise();
  res.status(204).end();
});

app.get("/caseload", requireCaseworker, (req, res) => res.json({ caseworker: req.caseworker, items: [] }));

if (process.env.NODE_ENV === "development") {
  app.use(errorhandler({ log: true }));
}
app.use(errorhandler()); // Noncompliant THC004

app.listen(process.env.PORT || 8080, () => log.info("eligibility service listening"));
