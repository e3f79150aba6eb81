async function exchangeCode(code) {
  const res = await fetch(`${process.env.COGNITO_DOMAIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code }),
  });
  return res.json();
}

// cookie strings built in variables are checked where they are built
exports.handler = async (event) => {
  const tokens = await exchangeCode(event.queryStringParameters.code);
  const idCookie = `id_token=${tokens.id_token}; Path=/; Secure; Max-Age=${tokens.expires_in}`; // Noncompliant
  const refreshCookie = `refresh_token=${tokens.refresh_token}; Path=/auth; HttpOnly; Secure; SameSite=Strict; Max-Age=2592000`;
  return { statusCode: 302, headers: { Location: '/dashboard' }, cookies: [idCookie, refreshCookie] };
};
