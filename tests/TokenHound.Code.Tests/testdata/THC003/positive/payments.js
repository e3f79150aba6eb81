const express = require('express');
const { charge } = require('./stripe');

const app = express();
app.use(express.json());

app.post('/payments', async (req, res) => {
  try {
    const receipt = await charge(req.body.amount, req.body.source);
    res.json({ receipt });
  } catch (err) {
    res.status(500).json({ error: err.message, stack: err.stack }); // Noncompliant
  }
});

app.post('/refunds', async (req, res) => {
  try {
    await charge(-req.body.amount, req.body.source);
    res.sendStatus(204);
  } catch (e) {
    res.status(400).send(`refund failed for ${JSON.stringify(req.body)}: ${e.message}`); // Noncompliant
  }
});

exports.lambdaHandler = async (event) => {
  const token = event.headers.Authorization;
  try {
    return { statusCode: 200, body: JSON.stringify(await charge(1, token)) };
  } catch (error) {
    return {
      statusCode: 500,
      body: JSON.stringify({ message: 'charge failed', token, detail: error.message }), // Noncompliant
    };
  }
};

exports.debugHandler = async (event) => {
  try {
    return { statusCode: 200, body: 'ok' };
  } catch (error) {
    return { statusCode: 500, body: error.stack }; // Noncompliant
  }
};

module.exports.app = app;
