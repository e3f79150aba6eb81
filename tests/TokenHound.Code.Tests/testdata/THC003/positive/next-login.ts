// Next.js API route: the catch binding is typed, the stack still goes back to the browser.
import type { NextApiRequest, NextApiResponse } from 'next';
import { signIn } from '../../lib/cognito';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { user, password } = req.body;
  try {
    const result = await signIn(user, password);
    return res.status(200).json({ user, expiresIn: result.ExpiresIn });
  } catch (err: any) {
    console.error('login failed', user, err.name);
    return res.status(500).json({ error: err.message, stack: err.stack }); // Noncompliant
  }
}
