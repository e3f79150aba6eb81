import { Injectable, Logger } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { firstValueFrom } from 'rxjs';

interface TokenSet { accessToken: string; refreshToken: string; expiresAt: number; tokenType: string }

@Injectable()
export class PartnerAuthService {
  private readonly logger = new Logger(PartnerAuthService.name);
  private tokens?: TokenSet;

  constructor(private readonly http: HttpService) {}

  private trace(label: string, apiToken: string) {
    this.logger.verbose(`${label}: ${apiToken}`); // Noncompliant THC001
  }

  async login(clientId: string, clientSecret: string): Promise<TokenSet> {
    this.logger.log(`partner login for client ${clientId}`);
    this.logger.debug(`using client secret ${clientSecret}`); // Noncompliant THC001
    const res = await firstValueFrom(this.http.post<TokenSet>(process.env.PARTNER_TOKEN_URL!, { clientId, clientSecret }));
    this.tokens = res.data;
    this.trace('partner access token', this.tokens.accessToken);
    this.logger.log(`token type ${this.tokens.tokenType}, expires at ${new Date(this.tokens.expiresAt).toISOString()}`);
    return this.tokens;
  }

  async refresh(): Promise<void> {
    if (!this.tokens) throw new Error('not logged in');
    const res = await firstValueFrom(this.http.post<TokenSet>(process.env.PARTNER_TOKEN_URL!, { refreshToken: this.tokens.refreshToken }));
    this.logger.warn(`refreshed: ${JSON.stringify(res.data)}`); // Noncompliant THC001
    this.tokens = res.data;
  }
}
