// An MSAL-style client: objects named after token operations carry telemetry and cache metadata. Logging a
// correlation id, a credential's type or the authentication scheme logs no token.
import { Logger, PerformanceClient } from "./telemetry";
import { AuthenticationMethodType } from "./constants";

export class TokenCacheController {
  constructor(private readonly logger: Logger, private readonly performanceClient: PerformanceClient) {}

  async acquireTokenByCode(request: { correlationId: string; authenticationScheme: string }) {
    const acquireTokenMeasurement = this.performanceClient.startMeasurement("acquireTokenByCode", request.correlationId);
    this.logger.info(`${acquireTokenMeasurement.event.name} started`, acquireTokenMeasurement.event.correlationId);
    this.logger.verbose(`Authentication scheme set to ${request.authenticationScheme}`, request.correlationId);
  }

  onChallenge(challengeType: string, correlationId: string) {
    const message = `Unsupported challenge ${challengeType}; expected ${AuthenticationMethodType.PASSWORD}`;
    this.logger.error(message, correlationId);
  }

  updateOutdatedCredential(credential: { credentialType: string; homeAccountId: string }) {
    this.logger.verbose(`Updated an outdated ${credential.credentialType} cache key`, "");
  }
}
