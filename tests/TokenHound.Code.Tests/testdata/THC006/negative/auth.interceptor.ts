import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import * as jwt from 'jsonwebtoken';

@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger(TokenVerifier.name);

  constructor(private readonly publicKey: string, private readonly issuer: string, private readonly audience: string) {}

  verify(token: string): jwt.JwtPayload {
    try {
      return jwt.verify(token, this.publicKey, {
        algorithms: ['RS256'],
        issuer: this.issuer,
        audience: this.audience,
      }) as jwt.JwtPayload;
    } catch (e) {
      this.logger.warn(`rejected token (${token.length} chars): ${(e as Error).message}`);
      throw new UnauthorizedException('invalid token');
    }
  }
}
