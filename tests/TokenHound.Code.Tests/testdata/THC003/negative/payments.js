const express = require('express');
const { charge } = require('./stripe');

const app = express();
app.use(express.json());

app.post('/payments', async (req, res) => {
  try {
    const receipt = await charge(req.body.amount, req.body.source);
    res.json({ receipt });
  } catch (err) {
    console.error('charge failed', err.stack);
    res.status(500).json({ error: 'internal error', requestId: req.get('x-amzn-requestid') });
  }
});

exports.lambdaHandler = async (event, context) => {
  try {
    return { statusCode: 200, body: JSON.stringify(await charge(1, event.body)) };
  } catch (error) {
    console.error(error);
    return {
      statusCode: 500,
      body: JSON.stringify({ message: 'charge failed', requestId: context.awsRequestId }),
    };
  }
};

exports.validate = async (event) => {
  try {
    JSON.parse(event.body);
    return { statusCode: 204 };
  } catch (e) {
    return { statusCode: 400, body: JSON.stringify({ message: e.message }) };
  }
};
