import { Logger } from '@nestjs/common';

export class PartnerClient {
  private readonly logger = new Logger(PartnerClient.name);
  private accessToken = '';

  // the helper's parameter is named for a token: the helper's own log call is the finding, once
  private trace(label: string, apiToken: string) {
    this.logger.verbose(`${label}: ${apiToken}`); // Noncompliant
  }

  use(token: string) {
    this.accessToken = token;
    this.trace('partner access token', this.accessToken);
    this.trace('partner access token (refresh)', token);
  }
}
