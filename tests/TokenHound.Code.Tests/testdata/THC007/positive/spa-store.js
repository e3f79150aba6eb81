// A single-page app keeps the Cognito tokens in a storage object picked at start-up.
import { CognitoUserPool } from 'amazon-cognito-identity-js';

const pool = new CognitoUserPool({ UserPoolId: window.APP_CONFIG.poolId, ClientId: window.APP_CONFIG.clientId });
const store = window.APP_CONFIG.remember ? window.localStorage : window.sessionStorage;
const prefs = window.localStorage;

export function onLogin(session) {
  const token = session.getIdToken().getJwtToken();
  const refresh = session.getRefreshToken().getToken();
  const storage = window.localStorage;
  storage.setItem('id_token', token); // Noncompliant
  const local = window.sessionStorage;
  local['auth.refresh'] = refresh; // Noncompliant
  prefs.setItem('theme', 'dark');
  prefs.setItem('lastLogin', new Date().toISOString());
  return pool.getCurrentUser();
}
