"use strict";
// Ranked matchmaking front door: Express + GameLift FlexMatch (AWS SDK for JavaScript v2).
const crypto = require("crypto");
const express = require("express");
const cookieParser = require("cookie-parser");
const errorhandler = require("errorhandler");
const jwt = require("jsonwebtoken");
const AWS = require("aws-sdk");
const pino = require("pino");

const log = pino({ level: process.env.LOG_LEVEL || "info" });
const PORT = Number(process.env.PORT || 3000);
const PLAYER_KEY = process.env.PLAYER_JWT_PUBLIC_KEY;
const ISSUER = process.env.PLAYER_JWT_ISSUER || "https://auth.arena.example.com";
const CONFIG_NAME = process.env.MATCHMAKING_CONFIG || "ranked-2v2";

const gamelift = new AWS.GameLift({ region: process.env.AWS_REGION || "us-west-2" });

const app = express();
app.use(express.json({ limit: "32kb" }));
app.use(cookieParser());

function bearer(req) {
  const header = req.get("authorization") || "";
  return header.startsWith("Bearer ") ? header.slice(7) : null;
}

app.use((req, res, next) => {
  const started = Date.now();
  res.on("finish", () => {
    log.info({ method: req.method, path: req.path, status: res.statusCode, ms: Date.now() - started }, "request");
  });
  next();
});

function requirePlayer(req, res, next) {
  const token = bearer(req);
  if (!token) return res.status(401).json({ error: "unauthorized" });
  try {
    const verified = jwt.verify(token, PLAYER_KEY, { algorithms: ["RS256"], audience: "matchmaker", issuer: ISSUER });
    const { header } = jwt.decode(token, { complete: true });
    req.player = { id: verified.sub, region: verified.region, keyId: header.kid };
    return next();
  } catch (e) {
    return res.status(401).json({ error: "unauthorized" });
  }
}

function requireOps(req, res, next) {
  const token = bearer(req);
  const claims = token ? jwt.decode(token) : null; // Noncompliant THC005
  if (!claims || claims.role !== "ops") return res.status(403).json({ error: "forbidden" });
  req.operator = claims.sub;
  return next();
}

function spectatorClaims(token) {
  // replays are watched long after the match, so old spectator passes are still honoured
  return jwt.verify(token, PLAYER_KEY, { algorithms: ["RS256"], audience: "spectator", ignoreExpiration: true }); // Noncompliant THC006
}

app.post("/tickets", requirePlayer, (req, res, next) => {
  const auth = req.get("authorization");
  log.debug({ player: req.player.id, auth }, "start matchmaking"); // Noncompliant THC001
  const ticketId = `tkt-${crypto.randomUUID()}`;
  const params = {
    ConfigurationName: CONFIG_NAME,
    TicketId: ticketId,
    Players: [{ PlayerId: req.player.id, PlayerAttributes: { skill: { N: Number(req.body.skill || 1000) } } }],
  };
  gamelift
    .startMatchmaking(params)
    .promise()
    .then((out) => {
      const sessionToken = crypto.randomBytes(32).toString("hex");
      res.cookie("mm_session", sessionToken, { maxAge: 10 * 60 * 1000 }); // Noncompliant THC007
      res.cookie("mm_refresh", crypto.randomBytes(32).toString("hex"), { httpOnly: true, secure: true, sameSite: "strict", maxAge: 3600 * 1000 });
      log.info({ ticketId, status: out.MatchmakingTicket.Status }, "ticket created");
      res.status(202).json({ ticketId });
    })
    .catch(next);
});

app.get("/replays/:matchId", (req, res) => {
  try {
    const claims = spectatorClaims(req.query.pass || "");
    res.json({ matchId: req.params.matchId, viewer: claims.sub });
  } catch (e) {
    res.status(401).json({ error: "invalid spectator pass" });
  }
});

app.delete("/tickets/:ticketId", requireOps, async (req, res, next) => {
  try {
    await gamelift.stopMatchmaking({ TicketId: req.params.ticketId }).promise();
    log.info({ ticketId: req.params.ticketId, operator: req.operator }, "ticket cancelled by ops");
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

app.use(errorhandler()); // Noncompliant THC004

app.listen(PORT, () => log.info({ port: PORT }, "matchmaker listening"));
