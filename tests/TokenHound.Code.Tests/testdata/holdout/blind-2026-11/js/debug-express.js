const express = require('express');
const errorhandler = require('errorhandler');
const helmet = require('helmet');

const app = express();
app.use(helmet());

if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler({ log: true }));
}

app.get('/health', (req, res) => res.json({ status: 'ok' }));

const admin = express();
admin.get('/stats', (req, res) => res.json({ uptime: process.uptime() }));
admin.use(errorhandler()); // Noncompliant THC004

app.use('/admin', admin);
module.exports = app;
