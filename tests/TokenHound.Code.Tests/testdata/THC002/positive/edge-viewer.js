'use strict';

// Lambda@Edge viewer request: event.Records[0].cf.request is the viewer's request, headers and all
exports.handler = (event, context, callback) => {
  const request = event.Records[0].cf.request;
  const headers = request.headers;
  console.log('viewer-request headers', JSON.stringify(headers)); // Noncompliant
  console.log('viewer-request uri', request.uri);
  callback(null, request);
};
