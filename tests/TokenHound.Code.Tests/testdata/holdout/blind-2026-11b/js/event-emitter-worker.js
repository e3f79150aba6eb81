'use strict';

const { EventEmitter } = require('events');
const https = require('https');
const winston = require('winston');
const { SSMClient, GetParameterCommand } = require('@aws-sdk/client-ssm');

const log = winston.createLogger({
  level: process.env.LOG_LEVEL || 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const ssm = new SSMClient({});
const WEATHER_HOST = 'api.weather.example.com';

function httpGetJson(url) {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => {
        try { resolve(JSON.parse(data)); } catch (e) { reject(e); }
      });
    }).on('error', reject);
  });
}

function celsius(kelvin) {
  return Math.round((kelvin - 273.15) * 10) / 10;
}

function summarize(readings) {
  const temps = readings.map((r) => celsius(r.temp));
  return {
    min: Math.min(...temps),
    max: Math.max(...temps),
    avg: temps.reduce((a, b) => a + b, 0) / (temps.length || 1),
  };
}

async function getApiKey() {
  const out = await ssm.send(new GetParameterCommand({ Name: '/weather/api-key', WithDecryption: true }));
  return out.Parameter.Value;
}

class CityPoller extends EventEmitter {
  constructor(cities) {
    super();
    this.cities = cities;
  }

  async run(apiKey) {
    for (const city of this.cities) {
      const q = encodeURIComponent(city);
      const body = await httpGetJson(`https://${WEATHER_HOST}/v1/current?city=${q}&api_key=${apiKey}`); // Noncompliant THC009
      this.emit('reading', city, body);
    }
    this.emit('done');
  }
}

exports.handler = async (event, context) => {
  const apiKey = await getApiKey();
  const poller = new CityPoller(event.cities || ['Berlin']);
  const readings = [];

  poller.on('reading', (city, body) => {
    log.info('reading received', { city, requestId: context.awsRequestId });
    readings.push(body);
  });
  poller.on('error', (err) => {
    log.error('poll failed', { message: err.message, key: apiKey }); // Noncompliant THC001
  });

  await poller.run(apiKey);
  log.info('poll complete', { count: readings.length, keyLength: apiKey.length });
  return summarize(readings);
};

exports.summarize = summarize;
