'use strict';

const axios = require('axios');

async function syncContacts(settings, accessToken, log) {
  const url = `${settings.partnerBase}/v2/contacts?access_token=${accessToken}`; // Noncompliant THC009
  const { data } = await axios.get(url);
  const helpLink = `${settings.appUrl}/help?topic=sync`;
  log.info({ count: data.length, helpLink }, 'contacts synced');
  return data;
}

module.exports = { syncContacts };
