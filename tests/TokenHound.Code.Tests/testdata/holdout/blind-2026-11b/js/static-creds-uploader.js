'use strict';

const AWS = require('aws-sdk');
const path = require('path');
const zlib = require('zlib');

const BUCKET = process.env.REPORT_BUCKET;

// Default client: resolves credentials from the Lambda execution role
const s3 = new AWS.S3({ region: process.env.AWS_REGION });

// Legacy cross-account archive bucket
const archiveS3 = new AWS.S3({ // Noncompliant THC008
  region: 'eu-west-1',
  accessKeyId: 'AKIAZ7FAKEKEY2345X7Q',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY123',
});

function reportKey(reportId, date = new Date()) {
  const y = date.getUTCFullYear();
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return path.posix.join('reports', `${y}`, m, d, `${reportId}.csv.gz`);
}

function toCsv(rows) {
  if (!rows.length) return '';
  const headers = Object.keys(rows[0]);
  const esc = (v) => `"${String(v == null ? '' : v).replace(/"/g, '""')}"`;
  return [headers.join(','), ...rows.map((r) => headers.map((h) => esc(r[h])).join(','))].join('\n');
}

function configureLegacyEnvironment() {
  // The old reporting library only reads credentials from the environment
  process.env.AWS_ACCESS_KEY_ID = process.env.LEGACY_ARCHIVE_KEY_ID; // Noncompliant THC008
  process.env.AWS_SECRET_ACCESS_KEY = process.env.LEGACY_ARCHIVE_SECRET; // Noncompliant THC008
}

exports.handler = async (event, context) => {
  const rows = Array.isArray(event.rows) ? event.rows : [];
  if (!rows.length) {
    console.log('nothing to upload', context.awsRequestId);
    return { uploaded: false };
  }
  const key = reportKey(event.reportId || context.awsRequestId);
  const body = zlib.gzipSync(toCsv(rows));
  await s3.putObject({ Bucket: BUCKET, Key: key, Body: body, ContentEncoding: 'gzip' }).promise();
  if (event.archive) {
    configureLegacyEnvironment();
    await archiveS3.putObject({ Bucket: 'legacy-archive', Key: key, Body: body }).promise();
  }
  console.log('uploaded report', key, body.length);
  return { uploaded: true, key };
};

exports.toCsv = toCsv;
exports.reportKey = reportKey;
