// Feature-flag service for internal tools (NestJS on ECS, aws-sdk v3 + aws-jwt-verify).

import {
  ArgumentsHost, Body, CanActivate, Catch, Controller, ExceptionFilter, ExecutionContext, Get,
  HttpException, Injectable, Logger, Module, Param, Put, Req, UnauthorizedException, UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

interface Flag { key: string; enabled: boolean; rollout: number; updatedBy?: string }
type AuthedRequest = Request & { user?: { sub: string; groups: string[] } };

@Injectable()
export class FlagStore {
  private readonly logger = new Logger(FlagStore.name);
  private readonly doc: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(config: ConfigService) {
    const client = new DynamoDBClient({ region: config.get('AWS_REGION'), credentials: { accessKeyId: config.getOrThrow('FLAGS_AWS_ACCESS_KEY_ID'), secretAccessKey: config.getOrThrow('FLAGS_AWS_SECRET_ACCESS_KEY') } }); // Noncompliant THC008
    this.doc = DynamoDBDocumentClient.from(client);
    this.table = config.get('FLAGS_TABLE', 'feature-flags');
  }

  async get(key: string): Promise<Flag | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { key } }));
    return out.Item as Flag | undefined;
  }

  async put(flag: Flag, actor: string): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...flag, updatedBy: actor } }));
    this.logger.log(`flag ${flag.key} -> enabled=${flag.enabled} rollout=${flag.rollout} by ${actor}`);
  }
}

@Injectable()
export class CognitoGuard implements CanActivate {
  private readonly logger = new Logger(CognitoGuard.name);
  private readonly accessVerifier = CognitoJwtVerifier.create({ userPoolId: process.env.USER_POOL_ID ?? '', tokenUse: 'access', clientId: null }); // Noncompliant THC006
  private readonly idVerifier = CognitoJwtVerifier.create({ userPoolId: process.env.USER_POOL_ID ?? '', tokenUse: 'id', clientId: process.env.PORTAL_CLIENT_ID ?? '' });

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const authorization = req.headers.authorization ?? '';
    this.logger.debug(`authorizing flag request with ${authorization}`); // Noncompliant THC001
    const idToken = req.header('x-id-token');
    try {
      const payload = idToken
        ? await this.idVerifier.verify(idToken)
        : await this.accessVerifier.verify(authorization.replace(/^Bearer /, ''));
      req.user = { sub: payload.sub, groups: (payload['cognito:groups'] as string[] | undefined) ?? [] };
      this.logger.log(`authorized ${payload.sub} (${idToken ? 'id' : 'access'} token)`);
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const correlationId = randomUUID();
    if (exception instanceof HttpException) {
      res.status(exception.getStatus()).json({ statusCode: exception.getStatus(), error: 'request failed', correlationId });
      return;
    }
    const err = exception as Error;
    this.logger.error(`unhandled error ${correlationId}: ${err.name}`);
    res.status(500).json({ statusCode: 500, message: err.message, stack: err.stack }); // Noncompliant THC003
  }
}

@Controller('flags')
@UseGuards(CognitoGuard)
export class FlagController {
  constructor(private readonly store: FlagStore) {}

  @Get(':key')
  async read(@Param('key') key: string): Promise<Flag> {
    return (await this.store.get(key)) ?? { key, enabled: false, rollout: 0 };
  }

  @Put(':key')
  async write(@Param('key') key: string, @Body() body: Omit<Flag, 'key'>, @Req() req: AuthedRequest): Promise<Flag> {
    const flag = { key, enabled: !!body.enabled, rollout: Math.min(Math.max(body.rollout ?? 0, 0), 100) };
    await this.store.put(flag, req.user?.sub ?? 'unknown');
    return flag;
  }
}

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true })],
  controllers: [FlagController],
  providers: [FlagStore, CognitoGuard],
})
export class AppModule {}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule);
  app.useGlobalFilters(new ErrorFilter());
  await app.listen(process.env.PORT ?? 3000);
}

void bootstrap();
