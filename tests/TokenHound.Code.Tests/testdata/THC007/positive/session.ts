import express, { Request, Response } from 'express';
import { issueSession } from './sessions';

const router = express.Router();

router.post('/login', async (req: Request, res: Response) => {
  const { accessToken, refreshToken } = await issueSession(req.body.username, req.body.password);
  res.cookie('access_token', accessToken); // Noncompliant
  res.cookie('refresh_token', refreshToken, { httpOnly: true, secure: true }); // Noncompliant
  res.cookie('theme', 'dark');
  res.json({ ok: true });
});

export const handler = async () => {
  const token = await mint();
  return {
    statusCode: 200,
    headers: { 'Set-Cookie': `session=${token}; Path=/; Secure` }, // Noncompliant
    body: '{}',
  };
};

async function mint(): Promise<string> {
  return 'x';
}

export default router;
