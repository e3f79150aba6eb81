const { serialize } = require('cookie');

// every cookie pushed into the array is serialized with all flags; the array is not re-checked at setHeader
module.exports = async function handler(req, res) {
  const tokens = await exchange(req.body.code);
  const cookies = [];
  cookies.push(
    serialize('refresh_token', tokens.RefreshToken, { httpOnly: true, secure: true, sameSite: 'strict', path: '/api/auth' }),
  );
  cookies.push(serialize('id_token', tokens.IdToken, { httpOnly: true, secure: true, sameSite: 'lax', path: '/' }));
  res.setHeader('Set-Cookie', cookies);
  return res.status(200).json({ ok: true });
};
