'use strict';

exports.handler = async (event) => {
  const request = event.Records[0].cf.request;
  try {
    return await route(request);
  } catch (err) {
    console.error('viewer-request failed', request.uri, err.stack);
    return { status: '500', statusDescription: 'Internal Server Error', body: JSON.stringify({ error: 'internal error' }) };
  }
};
