import axios, { AxiosInstance } from 'axios';
import pino from 'pino';
import { createHash } from 'crypto';
import { SSMClient, GetParametersCommand } from '@aws-sdk/client-ssm';
import type { Context, ScheduledEvent } from 'aws-lambda';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { svc: 'usage-sync' } });

const ssm = new SSMClient({ // Noncompliant THC008
  region: 'eu-central-1',
  credentials: {
    accessKeyId: 'AKIAZ7FAKEM2N6BV4CXZ',
    secretAccessKey: 'Zq3vFAKEt8Lr0pWn5JkYb2HcXe7Ma9Ds4GfFAKE1',
  },
});

interface ClientConfig {
  tokenUrl: string;
  apiBase: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: string;
}

const fingerprint = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 12);

class PartnerApiClient {
  private token?: { value: string; expiresAt: number };
  private readonly http: AxiosInstance;

  constructor(private readonly cfg: ClientConfig) {
    this.http = axios.create({ baseURL: cfg.apiBase, timeout: 10_000 });
  }

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAt - 60_000) {
      return this.token.value;
    }
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: this.cfg.scope });
    const { data } = await axios.post<TokenResponse>(this.cfg.tokenUrl, form, {
      auth: { username: this.cfg.clientId, password: this.cfg.clientSecret },
    });
    this.token = { value: data.access_token, expiresAt: Date.now() + data.expires_in * 1000 };
    logger.info({ tokenFp: fingerprint(data.access_token), expiresIn: data.expires_in }, 'partner token refreshed');
    return data.access_token;
  }

  async fetchUsage(accountId: string, cursor?: string) {
    const accessToken = await this.accessToken();
    const res = await this.http.get(`/v2/accounts/${accountId}/usage?access_token=${accessToken}`, { params: cursor ? { cursor } : {} }); // Noncompliant THC009
    logger.debug({ accountId, nextCursor: res.data.next_cursor }, 'usage page fetched');
    return res.data as { items: unknown[]; next_cursor?: string };
  }
}

async function loadConfig(): Promise<ClientConfig> {
  const prefix = process.env.PARAM_PREFIX ?? '/usage-sync/partner';
  const out = await ssm.send(
    new GetParametersCommand({ Names: [`${prefix}/client-id`, `${prefix}/client-secret`], WithDecryption: true }),
  );
  const byName = new Map((out.Parameters ?? []).map((p) => [p.Name!.split('/').pop()!, p.Value!]));
  const cfg: ClientConfig = {
    tokenUrl: process.env.PARTNER_TOKEN_URL!,
    apiBase: process.env.PARTNER_API_BASE!,
    clientId: byName.get('client-id')!,
    clientSecret: byName.get('client-secret')!,
    scope: 'usage.read',
  };
  logger.debug({ cfg }, 'partner client configured'); // Noncompliant THC001
  return cfg;
}

export const handler = async (_event: ScheduledEvent, context: Context) => {
  logger.info({ requestId: context.awsRequestId }, 'usage sync started');
  const client = new PartnerApiClient(await loadConfig());
  const accounts = (process.env.ACCOUNT_IDS ?? '').split(',').filter(Boolean);
  let pages = 0;
  for (const accountId of accounts) {
    let cursor: string | undefined;
    do {
      const page = await client.fetchUsage(accountId, cursor);
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
  }
  logger.info({ accounts: accounts.length, pages }, 'usage sync finished');
  return { synced: accounts.length, pages };
};
