import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Headers,
  HttpStatus,
  Injectable,
  Logger,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from "@nestjs/common";
import type { Request, Response } from "express";
import * as jwt from "jsonwebtoken";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { randomUUID } from "crypto";

export class CaptureDto {
  orderId!: string;
  paymentMethodId!: string;
  amountMinor!: number;
  currency!: string;
}

const MERCHANT_JWT_PUBLIC_KEY = process.env.MERCHANT_JWT_PUBLIC_KEY ?? "";

function bearerFrom(req: Request): string {
  return (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
}

@Injectable()
export class PaymentsWriteGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const claims = jwt.decode(bearerFrom(req)) as jwt.JwtPayload | null; // Noncompliant THC005
    return !!claims && String(claims.scope ?? "").split(" ").includes("payments:write");
  }
}

@Injectable()
export class VerifiedMerchantGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request & { merchantId?: string }>();
    const token = bearerFrom(req);
    jwt.verify(token, MERCHANT_JWT_PUBLIC_KEY, { algorithms: ["RS256"], audience: "payments-api", issuer: "https://auth.acme-pay.example" });
    const decoded = jwt.decode(token, { complete: true });
    req.merchantId = (decoded?.payload as jwt.JwtPayload).sub;
    return true;
  }
}

@Controller("payments")
export class PaymentsController {
  private readonly logger = new Logger(PaymentsController.name);
  private readonly sns = new SNSClient({ region: process.env.AWS_REGION });
  private readonly eventsTopic = process.env.PAYMENT_EVENTS_TOPIC_ARN!;
  private readonly ledgerTopic = process.env.LEDGER_TOPIC_ARN!;

  @Post("capture")
  @UseGuards(PaymentsWriteGuard)
  async capture(@Body() dto: CaptureDto, @Headers("authorization") authorization: string, @Res() res: Response) {
    const correlationId = randomUUID();
    const callerToken = authorization.replace(/^Bearer\s+/i, "");
    this.logger.log(`capture requested order=${dto.orderId} correlation=${correlationId}`);
    this.logger.debug(`forwarding capture downstream with bearer ${callerToken}`); // Noncompliant THC001
    try {
      const capture = await this.capturePayment(dto);
      await this.sns.send(new PublishCommand({
        TopicArn: this.eventsTopic,
        Message: JSON.stringify({ type: "payment.captured", orderId: dto.orderId, paymentMethodId: dto.paymentMethodId }),
      }));
      const ledgerEvent = { captureId: capture.id, amountMinor: dto.amountMinor, currency: dto.currency, actorToken: callerToken };
      await this.sns.send(new PublishCommand({ TopicArn: this.ledgerTopic, Message: JSON.stringify(ledgerEvent) })); // Noncompliant THC009
      return res.status(HttpStatus.OK).json(capture);
    } catch (err) {
      const e = err as Error;
      return res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ error: e.message, stack: e.stack, correlationId }); // Noncompliant THC003
    }
  }

  @Post(":captureId/refund")
  @UseGuards(VerifiedMerchantGuard)
  async refund(@Param("captureId") captureId: string, @Req() req: Request & { merchantId?: string }, @Res() res: Response) {
    const correlationId = randomUUID();
    try {
      const refund = await this.refundPayment(captureId, req.merchantId!);
      this.logger.log(`refund ${refund.id} for capture ${captureId} merchant=${req.merchantId}`);
      return res.status(HttpStatus.CREATED).json(refund);
    } catch (err) {
      this.logger.error(`refund failed capture=${captureId} correlation=${correlationId}`, (err as Error).stack);
      return res.status(HttpStatus.BAD_GATEWAY).json({ error: "refund_failed", correlationId });
    }
  }

  private async capturePayment(dto: CaptureDto): Promise<{ id: string; status: string }> {
    const r = await fetch(`${process.env.PSP_BASE_URL}/v1/captures`, {
      method: "POST",
      headers: { Authorization: `Bearer ${process.env.PSP_API_KEY}`, "Content-Type": "application/json" },
      body: JSON.stringify({ payment_method: dto.paymentMethodId, amount: dto.amountMinor, currency: dto.currency }),
    });
    if (!r.ok) throw new Error(`PSP capture failed with ${r.status}`);
    return (await r.json()) as { id: string; status: string };
  }

  private async refundPayment(captureId: string, merchantId: string): Promise<{ id: string }> {
    const r = await fetch(`${process.env.PSP_BASE_URL}/v1/captures/${captureId}/refunds`, {
      method: "POST",
      headers: { Authorization: `Bearer ${process.env.PSP_API_KEY}`, "Idempotency-Key": `${merchantId}:${captureId}` },
    });
    if (!r.ok) throw new Error(`PSP refund failed with ${r.status}`);
    return (await r.json()) as { id: string };
  }
}
