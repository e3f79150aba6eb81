import {
  CanActivate,
  ExecutionContext,
  Injectable,
  Logger,
  UnauthorizedException,
  ForbiddenException,
} from '@nestjs/common';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import * as jwt from 'jsonwebtoken';
import { DynamoDBClient, UpdateItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

// Loyalty points service for the retail app: members earn points at POS and redeem them online.

const USER_POOL_ID = process.env.LOYALTY_USER_POOL_ID ?? 'eu-west-1_FAKEpool1';
const APP_CLIENT_ID = process.env.LOYALTY_APP_CLIENT_ID ?? 'fakeclientid0000000000000';

const accessVerifier = CognitoJwtVerifier.create({ userPoolId: USER_POOL_ID, tokenUse: 'access', clientId: APP_CLIENT_ID });
const idVerifier = CognitoJwtVerifier.create({ userPoolId: USER_POOL_ID, tokenUse: 'id', clientId: null }); // Noncompliant THC006

export interface RefreshDto {
  memberId: string;
  refreshToken: string;
  deviceKey?: string;
}

@Injectable()
export class LoyaltyLedgerRepository {
  // Ledger table lives in the finance account; cross-account role still pending approval.
  private readonly ddb = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIAZ7FAKEQ3LM7XK2PD', secretAccessKey: 'FAKEsecretLoyaltyLedger0000000000000000' } }); // Noncompliant THC008

  async addPoints(memberId: string, points: number, idempotencyKey: string): Promise<number> {
    const out = await this.ddb.send(
      new UpdateItemCommand({
        TableName: 'loyalty-ledger',
        Key: { memberId: { S: memberId } },
        UpdateExpression: 'ADD points :p SET lastTxn = :k',
        ConditionExpression: 'attribute_not_exists(lastTxn) OR lastTxn <> :k',
        ExpressionAttributeValues: { ':p': { N: String(points) }, ':k': { S: idempotencyKey } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.points?.N ?? 0);
  }

  async balance(memberId: string): Promise<number> {
    const out = await this.ddb.send(new GetItemCommand({ TableName: 'loyalty-ledger', Key: { memberId: { S: memberId } } }));
    return Number(out.Item?.points?.N ?? 0);
  }
}

@Injectable()
export class LoyaltyService {
  private readonly logger = new Logger(LoyaltyService.name);
  private readonly events = new EventBridgeClient({ region: 'eu-west-1' });

  constructor(private readonly ledger: LoyaltyLedgerRepository) {}

  async earn(memberId: string, basketTotal: number, receiptId: string): Promise<number> {
    const points = Math.floor(basketTotal);
    const balance = await this.ledger.addPoints(memberId, points, receiptId);
    this.logger.log(`member ${memberId} earned ${points} on receipt ${receiptId}`);
    await this.events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'loyalty', DetailType: 'PointsEarned', Detail: JSON.stringify({ memberId, points, receiptId }) }],
      }),
    );
    return balance;
  }

  async refreshSession(dto: RefreshDto): Promise<void> {
    this.logger.debug(`refreshing session for ${dto.memberId} with ${dto.refreshToken}`); // Noncompliant THC001
    this.logger.verbose(`device key present: ${Boolean(dto.deviceKey)}`);
  }

  async profileFromIdToken(idToken: string): Promise<{ memberId: string; email: string }> {
    const claims = await idVerifier.verify(idToken);
    return { memberId: String(claims.sub), email: String(claims.email) };
  }
}

@Injectable()
export class PlatinumTierGuard implements CanActivate {
  private readonly logger = new Logger(PlatinumTierGuard.name);

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const token: string | undefined = req.headers['authorization']?.replace(/^Bearer /, '');
    if (!token) {
      throw new UnauthorizedException();
    }
    const claims = jwt.decode(token) as { 'custom:tier'?: string; sub?: string } | null; // Noncompliant THC005
    if (claims?.['custom:tier'] !== 'platinum') {
      throw new ForbiddenException('platinum members only');
    }
    return true;
  }
}

@Injectable()
export class MemberGuard implements CanActivate {
  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const token: string = (req.headers['authorization'] ?? '').replace(/^Bearer /, '');
    await accessVerifier.verify(token);
    const claims = jwt.decode(token) as { sub: string; username: string };
    req.memberId = claims.sub;
    return true;
  }
}
