import { HttpService } from '@nestjs/axios';
import { Injectable, Logger } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';

interface TokenSet {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

// the response of a call to the token endpoint (named by its URL variable) is a token set
@Injectable()
export class PartnerRefreshService {
  private readonly logger = new Logger(PartnerRefreshService.name);

  constructor(private readonly http: HttpService) {}

  async refresh(refreshToken: string): Promise<TokenSet> {
    const res = await firstValueFrom(this.http.post<TokenSet>(process.env.PARTNER_TOKEN_URL!, { refreshToken }));
    this.logger.warn(`refreshed: ${JSON.stringify(res.data)}`); // Noncompliant
    this.logger.log(`refreshed, expires at ${new Date(res.data.expiresAt).toISOString()}`);
    return res.data;
  }
}
