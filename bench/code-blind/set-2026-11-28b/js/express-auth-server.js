const express = require("express");
const cookieParser = require("cookie-parser");
const jwt = require("jsonwebtoken");
const errorhandler = require("errorhandler");
const morgan = require("morgan");
const { findUserByCredentials, findUserById } = require("./users");

const app = express();
app.use(express.json());
app.use(cookieParser());
app.use(morgan("combined"));

const SIGNING_KEY = process.env.JWT_SIGNING_KEY;
const ISSUER = "https://auth.shop.internal";

function issueTokens(user) {
  const access = jwt.sign({ sub: user.id, role: user.role }, SIGNING_KEY, { algorithm: "HS256", expiresIn: "15m", issuer: ISSUER });
  const refresh = jwt.sign({ sub: user.id, typ: "refresh" }, SIGNING_KEY, { algorithm: "HS256", expiresIn: "7d", issuer: ISSUER });
  return { access, refresh };
}

function bearer(req) {
  return (req.get("authorization") || "").replace(/^Bearer /, "");
}

app.post("/login", async (req, res) => {
  const user = await findUserByCredentials(req.body.username, req.body.password);
  if (!user) return res.status(401).json({ error: "invalid credentials" });

  const { access, refresh } = issueTokens(user);
  res.cookie("refresh_token", refresh, { httpOnly: true, secure: true, sameSite: "strict", path: "/refresh" });
  res.cookie("access_token", access, { maxAge: 15 * 60 * 1000, path: "/" }); // Noncompliant THC007
  console.log(`login ok user=${user.id} role=${user.role}`);
  res.json({ ok: true, expiresIn: 900 });
});

app.post("/refresh", async (req, res) => {
  const token = req.cookies.refresh_token;
  let claims;
  try {
    claims = jwt.verify(token, SIGNING_KEY, { algorithms: ["HS256"], issuer: ISSUER, ignoreExpiration: true }); // Noncompliant THC006
  } catch (e) {
    return res.status(401).json({ error: "invalid refresh token" });
  }
  const user = await findUserById(claims.sub);
  const { access } = issueTokens(user);
  res.cookie("access_token", access, { httpOnly: true, secure: true, sameSite: "lax", maxAge: 15 * 60 * 1000 });
  res.json({ ok: true });
});

function requireAdmin(req, res, next) {
  const token = bearer(req);
  const payload = jwt.decode(token); // Noncompliant THC005
  if (!payload || payload.role !== "admin") return res.sendStatus(403);
  req.user = payload;
  next();
}

function requireUser(req, res, next) {
  const token = bearer(req);
  try {
    jwt.verify(token, SIGNING_KEY, { algorithms: ["HS256"], issuer: ISSUER });
  } catch (e) {
    return res.sendStatus(401);
  }
  const { header, payload } = jwt.decode(token, { complete: true });
  req.user = { id: payload.sub, role: payload.role, kid: header.kid };
  next();
}

app.get("/orders", requireUser, (req, res) => res.json({ owner: req.user.id, orders: [] }));
app.delete("/users/:id", requireAdmin, (req, res) => res.status(204).end());

if (process.env.NODE_ENV === "development") {
  app.use(errorhandler());
} else {
  app.use((err, req, res, next) => {
    console.error("unhandled", err.message, req.get("x-request-id"));
    res.status(500).json({ error: "internal error", requestId: req.get("x-request-id") });
  });
}

module.exports = app;
