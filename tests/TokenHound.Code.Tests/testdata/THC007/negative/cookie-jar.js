'use strict';

// A cookie jar library: the Set-Cookie array is rebuilt from itself (headers = [headers]) and written with setHeader.
function Cookies(request, response) {
  this.request = request;
  this.response = response;
}

Cookies.prototype.set = function (name, value, opts) {
  const res = this.response;
  let headers = res.getHeader('Set-Cookie') || [];
  if (typeof headers === 'string') headers = [headers];
  headers = [...headers, `${name}=${value}; Path=/; HttpOnly; Secure; SameSite=Lax`];
  res.setHeader('Set-Cookie', headers);
  return this;
};

module.exports = Cookies;
