const express = require('express');
const { listOrders } = require('./orders');

const app = express();
app.get('/orders', async (req, res) => {
  res.json(await listOrders(req.query.customer));
});

// Express error middleware: four parameters, the first is the error
app.use((err, req, res, next) => {
  req.log?.error({ err }, 'request failed');
  if (err.expose) {
    return res.status(err.status).json({ message: 'request failed' });
  }
  return res.status(500).json({ message: err.message, stack: err.stack }); // Noncompliant
});

// not error middleware: three parameters, and `err` is an ordinary value here
app.use((req, res, next) => {
  const err = { stack: 'none' };
  res.locals.err = err;
  next();
});

module.exports = app;
