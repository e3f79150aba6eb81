'use strict';

// a Lambda@Edge generated response ({ status, statusDescription, body }) with the stack trace
exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  try {
    return await route(request);
  } catch (err) {
    console.error('viewer-request failed', request.uri, err.message);
    return { status: '500', statusDescription: 'Internal Server Error', body: JSON.stringify({ error: err.message, stack: err.stack }) }; // Noncompliant
  }
};
