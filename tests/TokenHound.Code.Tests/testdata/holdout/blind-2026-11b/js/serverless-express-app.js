'use strict';

const express = require('express');
const serverlessExpress = require('@vendia/serverless-express');
const errorhandler = require('errorhandler');
const cookieParser = require('cookie-parser');
const { CognitoIdentityProviderClient, InitiateAuthCommand } = require('@aws-sdk/client-cognito-identity-provider');

const cognito = new CognitoIdentityProviderClient({});
const CLIENT_ID = process.env.COGNITO_CLIENT_ID;
const app = express();

app.use(express.json());
app.use(cookieParser());

function isValidEmail(email) {
  return typeof email === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email);
}

function buildProfile(user) {
  return {
    email: user.email.toLowerCase(),
    displayName: (user.displayName || user.email.split('@')[0]).trim(),
    locale: user.locale || 'en-US',
  };
}

app.post('/login', async (req, res, next) => {
  const { email, password } = req.body || {};
  if (!isValidEmail(email) || !password) {
    return res.status(400).json({ message: 'email and password are required' });
  }
  try {
    const out = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }));
    const { IdToken, RefreshToken, ExpiresIn } = out.AuthenticationResult;
    res.cookie('refresh_token', RefreshToken, { httpOnly: true, secure: true, sameSite: 'strict', maxAge: 30 * 86400 * 1000 });
    res.cookie('id_token', IdToken, { maxAge: ExpiresIn * 1000 }); // Noncompliant THC007
    return res.json({ profile: buildProfile({ email }), expiresIn: ExpiresIn });
  } catch (err) {
    return next(err);
  }
});

app.get('/profile', (req, res) => {
  console.log('profile lookup', req.get('x-amzn-requestid'), req.path);
  res.json({ ok: true });
});

app.use(errorhandler()); // Noncompliant THC004

exports.handler = serverlessExpress({ app });
exports.isValidEmail = isValidEmail;
