import { Body, Controller, HttpCode, HttpException, HttpStatus, Logger, Post, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import {
  AuthFlowType,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'crypto';

class LoginDto {
  username!: string;
  password!: string;
}

@Controller('auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);
  private readonly cognito: CognitoIdentityProviderClient;
  private readonly clientId: string;
  private readonly clientSecret: string;

  constructor(private readonly config: ConfigService) {
    this.cognito = new CognitoIdentityProviderClient({ region: config.get<string>('AWS_REGION') });
    this.clientId = config.getOrThrow<string>('COGNITO_CLIENT_ID');
    this.clientSecret = config.getOrThrow<string>('COGNITO_CLIENT_SECRET');
  }

  private secretHash(username: string): string {
    return createHmac('sha256', this.clientSecret).update(username + this.clientId).digest('base64');
  }

  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response) {
    this.logger.log(`login attempt for ${dto.username}`);
    try {
      const result = await this.cognito.send(
        new InitiateAuthCommand({
          AuthFlow: AuthFlowType.USER_PASSWORD_AUTH,
          ClientId: this.clientId,
          AuthParameters: {
            USERNAME: dto.username,
            PASSWORD: dto.password,
            SECRET_HASH: this.secretHash(dto.username),
          },
        }),
      );
      const auth = result.AuthenticationResult;
      if (!auth) {
        return { challenge: result.ChallengeName, session: result.Session };
      }
      this.logger.debug(`cognito auth result: ${JSON.stringify(auth)}`); // Noncompliant THC001
      const maxAge = (auth.ExpiresIn ?? 3600) * 1000;
      res.cookie('access_token', auth.AccessToken, { httpOnly: true, maxAge }); // Noncompliant THC007
      res.cookie('refresh_token', auth.RefreshToken, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/auth/refresh',
      });
      return { expiresIn: auth.ExpiresIn, tokenType: auth.TokenType };
    } catch (e) {
      if (e instanceof NotAuthorizedException) {
        throw new HttpException('Incorrect username or password', HttpStatus.UNAUTHORIZED);
      }
      const err = e as Error;
      this.logger.error(`login failed for ${dto.username}`, err.stack);
      throw new HttpException( // Noncompliant THC003
        { message: 'login failed', username: dto.username, error: err.message, stack: err.stack },
        HttpStatus.INTERNAL_SERVER_ERROR,
      );
    }
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.logger.log(`logout from ${req.ip}`);
    res.clearCookie('access_token');
    res.clearCookie('refresh_token', { path: '/auth/refresh' });
  }
}
