import express, { Request, Response, CookieOptions } from 'express';
import { issueSession } from './sessions';

const router = express.Router();
const cookieOptions: CookieOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: '/' };

router.post('/login', async (req: Request, res: Response) => {
  const { accessToken, refreshToken } = await issueSession(req.body.username, req.body.password);
  res.cookie('access_token', accessToken, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 3600_000 });
  res.cookie('refresh_token', refreshToken, cookieOptions);
  res.cookie('theme', 'dark');
  res.json({ ok: true });
});

export const handler = async () => {
  const token = await mint();
  return {
    statusCode: 200,
    headers: { 'Set-Cookie': `session=${token}; Path=/; Secure; HttpOnly; SameSite=Strict` },
    body: '{}',
  };
};

async function mint(): Promise<string> {
  return 'x';
}

export default router;
