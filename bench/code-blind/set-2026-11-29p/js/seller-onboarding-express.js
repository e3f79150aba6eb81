'use strict';

// Marketplace seller onboarding: sellers connect their external shop (OAuth 2.0 authorization
// code flow), we import the catalogue and keep the shop token for nightly stock sync.

const express = require('express');
const cookieParser = require('cookie-parser');
const errorhandler = require('errorhandler');
const axios = require('axios');
const jwt = require('jsonwebtoken');
const winston = require('winston');
const crypto = require('crypto');

const logger = winston.createLogger({
  level: 'info',
  format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

const SHOP_API = 'https://api.shopplatform.example';
const MARKETPLACE_JWT_SECRET = process.env.MARKETPLACE_JWT_SECRET;
const OAUTH_CLIENT_ID = process.env.SHOP_OAUTH_CLIENT_ID;
const OAUTH_CLIENT_SECRET = process.env.SHOP_OAUTH_CLIENT_SECRET;

const app = express();
app.use(express.json());
app.use(cookieParser());

function mask(value) {
  return value ? `${value.slice(0, 4)}…(${value.length})` : '<none>';
}

function sellerFromRequest(req) {
  const header = req.get('authorization') || '';
  const token = header.replace(/^Bearer\s+/i, '');
  // Seller portal sessions last a working day; long-running catalogue imports re-use them.
  return jwt.verify(token, MARKETPLACE_JWT_SECRET, { algorithms: ['HS256'], ignoreExpiration: true }); // Noncompliant THC006
}

app.get('/sellers/oauth/start', (req, res) => {
  const state = crypto.randomBytes(16).toString('hex');
  res.cookie('oauth_state', state, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 10 * 60 * 1000 });
  const url = new URL('/oauth/authorize', SHOP_API);
  url.searchParams.set('client_id', OAUTH_CLIENT_ID);
  url.searchParams.set('state', state);
  url.searchParams.set('scope', 'products:read inventory:write');
  res.redirect(url.toString());
});

app.get('/sellers/oauth/callback', async (req, res, next) => {
  try {
    if (req.query.state !== req.cookies.oauth_state) {
      return res.status(400).json({ message: 'state mismatch' });
    }
    const seller = sellerFromRequest(req);
    const { data } = await axios.post(`${SHOP_API}/oauth/token`, {
      grant_type: 'authorization_code',
      code: req.query.code,
      client_id: OAUTH_CLIENT_ID,
      client_secret: OAUTH_CLIENT_SECRET,
    });
    logger.info('shop connected', { sellerId: seller.sub, token: mask(data.access_token) });

    res.cookie('shop_token', data.access_token, { httpOnly: true, maxAge: 8 * 3600 * 1000 }); // Noncompliant THC007
    res.clearCookie('oauth_state');
    return res.redirect('/sellers/onboarding/catalogue');
  } catch (err) {
    return next(err);
  }
});

app.post('/sellers/catalogue/import', async (req, res, next) => {
  try {
    const seller = sellerFromRequest(req);
    const shopToken = req.cookies.shop_token;

    const shop = await axios.get(`${SHOP_API}/v1/shop`, { headers: { Authorization: `Bearer ${shopToken}` } });
    const products = await axios.get(`${SHOP_API}/v1/products?limit=250&access_token=${shopToken}`); // Noncompliant THC009

    logger.info('catalogue import queued', {
      sellerId: seller.sub,
      shopId: shop.data.id,
      skuCount: products.data.items.length,
    });
    res.status(202).json({ shopId: shop.data.id, skus: products.data.items.map((p) => p.sku) });
  } catch (err) {
    next(err);
  }
});

app.use(errorhandler({ log: (err, str) => logger.error(str) })); // Noncompliant THC004

const port = Number(process.env.PORT || 3000);
app.listen(port, () => logger.info(`seller onboarding listening on ${port}`));

module.exports = app;
