"use strict";
// Express API that lets analysts submit Athena queries against the curated lake.
const express = require("express");
const cookieParser = require("cookie-parser");
const errorhandler = require("errorhandler");
const jwt = require("jsonwebtoken");
const winston = require("winston");
const {
  AthenaClient,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} = require("@aws-sdk/client-athena");

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || "info",
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const athena = new AthenaClient({ region: process.env.AWS_REGION });
const SIGNING_KEY = process.env.QUERY_API_SIGNING_KEY;
const WORKGROUP = process.env.ATHENA_WORKGROUP || "analytics";
const OUTPUT = process.env.ATHENA_OUTPUT || "s3://acme-athena-results/api/";

const app = express();
app.use(express.json({ limit: "256kb" }));
app.use(cookieParser());

function bearer(req) {
  return (req.get("authorization") || "").replace(/^Bearer\s+/i, "");
}

function requireAnalyst(req, res, next) {
  const header = req.get("authorization") || "";
  logger.info("auth header received", { authorization: header }); // Noncompliant THC001
  const token = bearer(req);
  try {
    jwt.verify(token, SIGNING_KEY, { algorithms: ["HS256"], audience: "athena-query-api" });
    const claims = jwt.decode(token);
    req.user = { sub: claims.sub, groups: claims.groups || [] };
    logger.info("analyst authenticated", { sub: claims.sub, tokenLength: token.length });
    return next();
  } catch (e) {
    logger.warn("token rejected", { reason: e.name });
    return res.status(401).json({ error: "unauthorized" });
  }
}

function requireAdmin(req, res, next) {
  const claims = jwt.decode(bearer(req)); // Noncompliant THC005
  if (!claims || !(claims.groups || []).includes("data-admin")) {
    return res.status(403).json({ error: "forbidden" });
  }
  req.user = { sub: claims.sub, groups: claims.groups };
  return next();
}

app.post("/session", requireAnalyst, (req, res) => {
  const sessionToken = jwt.sign({ sub: req.user.sub, scope: "query" }, SIGNING_KEY, {
    algorithm: "HS256",
    expiresIn: "1h",
  });
  const refreshToken = jwt.sign({ sub: req.user.sub, typ: "refresh" }, SIGNING_KEY, { expiresIn: "7d" });
  res.cookie("qa_session", sessionToken, { maxAge: 3600 * 1000 }); // Noncompliant THC007
  res.cookie("qa_refresh", refreshToken, { httpOnly: true, secure: true, sameSite: "strict", path: "/session" });
  res.json({ ok: true });
});

app.post("/queries", requireAnalyst, async (req, res, next) => {
  try {
    const out = await athena.send(new StartQueryExecutionCommand({
      QueryString: req.body.sql,
      WorkGroup: WORKGROUP,
      ResultConfiguration: { OutputLocation: OUTPUT },
    }));
    logger.info("query started", { id: out.QueryExecutionId, user: req.user.sub });
    res.status(202).json({ queryExecutionId: out.QueryExecutionId });
  } catch (err) {
    next(err);
  }
});

app.delete("/admin/queries/:id", requireAdmin, async (req, res, next) => {
  try {
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: req.params.id }));
    logger.info("query cancelled by admin", { id: req.params.id, admin: req.user.sub });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

app.use(errorhandler()); // Noncompliant THC004

app.listen(process.env.PORT || 8080, () => logger.info("athena query api listening"));
