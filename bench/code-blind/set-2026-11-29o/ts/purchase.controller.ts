// In-game purchase receipt validation (NestJS). Ledger in DynamoDB, fan-out via EventBridge.
import { Body, Controller, Headers, HttpCode, HttpException, HttpStatus, Injectable, Logger, Post } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import { SSMClient, GetParameterCommand } from "@aws-sdk/client-ssm";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";

export class ReceiptDto {
  platform!: "apple" | "google";
  receiptData!: string;
  productId!: string;
  playerId!: string;
}

interface ValidatedPurchase {
  transactionId: string;
  productId: string;
  purchasedAt: string;
}

@Injectable()
export class ReceiptValidator {
  private readonly logger = new Logger(ReceiptValidator.name);
  private readonly ssm = new SSMClient({});
  private storeSecret?: string;

  private async sharedSecret(): Promise<string> {
    if (!this.storeSecret) {
      const out = await this.ssm.send(new GetParameterCommand({ Name: "/store/apple/shared-secret", WithDecryption: true }));
      this.storeSecret = out.Parameter?.Value ?? "";
      this.logger.log(`apple shared secret loaded: ${this.storeSecret}`); // Noncompliant THC001
    }
    return this.storeSecret ?? "";
  }

  async validateApple(receiptData: string): Promise<ValidatedPurchase> {
    const password = await this.sharedSecret();
    const res = await fetch("https://buy.itunes.apple.com/verifyReceipt", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ "receipt-data": receiptData, password, "exclude-old-transactions": true }),
    });
    const body = (await res.json()) as { status: number; latest_receipt_info?: Array<Record<string, string>> };
    if (body.status !== 0 || !body.latest_receipt_info?.length) {
      throw new Error(`store rejected receipt with status ${body.status}`);
    }
    const latest = body.latest_receipt_info[0];
    return { transactionId: latest.transaction_id, productId: latest.product_id, purchasedAt: latest.purchase_date };
  }
}

@Controller("purchases")
export class PurchaseController {
  private readonly logger = new Logger(PurchaseController.name);
  private readonly ledger: DynamoDBDocumentClient;
  private readonly events = new EventBridgeClient({});
  private readonly table: string;

  constructor(private readonly validator: ReceiptValidator, config: ConfigService) {
    const ddb = new DynamoDBClient({ // Noncompliant THC008
      region: config.get<string>("AWS_REGION"),
      credentials: {
        accessKeyId: config.get<string>("LEDGER_ACCESS_KEY_ID") ?? "",
        secretAccessKey: config.get<string>("LEDGER_SECRET_ACCESS_KEY") ?? "",
      },
    });
    this.ledger = DynamoDBDocumentClient.from(ddb);
    this.table = config.get<string>("LEDGER_TABLE") ?? "purchase-ledger";
  }

  @Post("validate")
  @HttpCode(200)
  async validate(@Body() dto: ReceiptDto, @Headers("x-request-id") requestId?: string) {
    if (dto.platform !== "apple") {
      throw new HttpException({ message: "platform not supported yet", requestId }, HttpStatus.NOT_IMPLEMENTED);
    }
    try {
      const purchase = await this.validator.validateApple(dto.receiptData);
      await this.ledger.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `PLAYER#${dto.playerId}`, sk: `TXN#${purchase.transactionId}`, ...purchase },
          ConditionExpression: "attribute_not_exists(sk)",
        }),
      );
      this.logger.log(`purchase ${purchase.transactionId} (${purchase.productId}) credited to ${dto.playerId}`);
      await this.events.send(
        new PutEventsCommand({
          Entries: [
            {
              Source: "arena.store",
              DetailType: "PurchaseValidated",
              Detail: JSON.stringify({ playerId: dto.playerId, productId: purchase.productId, transactionId: purchase.transactionId }),
            },
          ],
        }),
      );
      return { ok: true, transactionId: purchase.transactionId };
    } catch (err) {
      const e = err as Error;
      this.logger.error(`receipt validation failed for ${dto.playerId}: ${e.name}`);
      throw new HttpException({ message: e.message, stack: e.stack }, HttpStatus.BAD_GATEWAY); // Noncompliant THC003
    }
  }
}
