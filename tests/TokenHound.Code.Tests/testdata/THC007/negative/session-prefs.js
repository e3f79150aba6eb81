// Stores only the session's expiry, and deletes the token cookie on logout.
const prefs = window.sessionStorage;

export function rememberExpiry(result) {
  prefs.setItem('session', JSON.stringify({ expiresAt: Date.now() + result.ExpiresIn * 1000 }));
}

export function logout() {
  document.cookie = 'access_token=; Max-Age=0; path=/';
  document.cookie = 'id_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  prefs.removeItem('session');
}
