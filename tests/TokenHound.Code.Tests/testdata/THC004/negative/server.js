const express = require('express');
const errorhandler = require('errorhandler');

const app = express();
app.use(express.json());
if (process.env.NODE_ENV === 'development') {
  app.use(errorhandler());
}

module.exports = app;
