import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';

@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);

  constructor(private readonly publicKey: string, private readonly issuer: string) {}

  // a method with a qualified return type (jwt.JwtPayload) is still a method
  verify(token: string): jwt.JwtPayload {
    try {
      return jwt.verify(token, this.publicKey, { // Noncompliant
        algorithms: ['RS256'],
        issuer: this.issuer,
        ignoreExpiration: true,
      }) as jwt.JwtPayload;
    } catch (e) {
      this.logger.warn(`rejected bearer token ${token}: ${(e as Error).message}`); // Noncompliant THC001
      throw new UnauthorizedException('invalid token');
    }
  }
}
