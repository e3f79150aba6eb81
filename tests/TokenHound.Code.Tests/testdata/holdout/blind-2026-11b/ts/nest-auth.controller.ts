import { Body, Controller, Headers, HttpException, HttpStatus, Logger, Post } from '@nestjs/common';
import { AuthService } from './auth.service';

interface ExchangeDto {
  code: string;
  redirectUri: string;
}

function assertDto(dto: ExchangeDto): void {
  if (!dto?.code || !/^[A-Za-z0-9-_]{8,}$/.test(dto.code)) {
    throw new HttpException('invalid code', HttpStatus.BAD_REQUEST);
  }
  if (!dto.redirectUri.startsWith('https://')) {
    throw new HttpException('redirectUri must be https', HttpStatus.BAD_REQUEST);
  }
}

@Controller('auth')
export class AuthController {
  private readonly log = new Logger(AuthController.name);

  constructor(private readonly auth: AuthService) {}

  @Post('exchange')
  async exchange(@Body() dto: ExchangeDto, @Headers('x-request-id') requestId: string) {
    assertDto(dto);
    const tokens = await this.auth.exchangeCode(dto.code, dto.redirectUri);
    this.log.log(`code exchanged requestId=${requestId} user=${tokens.userId}`);
    this.traceTokens(tokens.accessToken);
    return { expiresIn: tokens.expiresIn, tokenType: 'Bearer', accessToken: tokens.accessToken };
  }

  @Post('refresh')
  async refresh(@Body('refreshToken') refreshToken: string) {
    if (!refreshToken) {
      throw new HttpException('refreshToken required', HttpStatus.BAD_REQUEST);
    }
    this.log.debug(`refreshing with token of length ${refreshToken.length}`);
    const tokens = await this.auth.refresh(refreshToken);
    return { expiresIn: tokens.expiresIn };
  }

  private traceTokens(accessToken: string): void {
    this.log.verbose(`issued access token ${accessToken}`); // Noncompliant THC001
  }
}
