import { Injectable } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";

@Injectable()
export class LedgerStore {
  private readonly ddb: DynamoDBClient;
  private readonly archive: S3Client;

  constructor(private readonly config: ConfigService) {
    // keys read from configuration with a default: still an IAM user's keys handed to the client
    this.ddb = new DynamoDBClient({ // Noncompliant
      region: config.get<string>("AWS_REGION"),
      credentials: {
        accessKeyId: config.get<string>("LEDGER_ACCESS_KEY_ID") ?? "",
        secretAccessKey: config.get<string>("LEDGER_SECRET_ACCESS_KEY") ?? "",
      },
    });
    this.archive = new S3Client({ // Noncompliant
      credentials: {
        accessKeyId: config.get("ARCHIVE_ACCESS_KEY_ID") || "",
        secretAccessKey: config.get("ARCHIVE_SECRET_ACCESS_KEY") || "",
      },
    });
  }
}
