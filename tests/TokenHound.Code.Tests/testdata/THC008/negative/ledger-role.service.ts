import { Injectable } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";

@Injectable()
export class LedgerStore {
  private readonly ddb: DynamoDBClient;

  constructor(private readonly config: ConfigService) {
    // region, table and role from configuration with defaults; the credentials come from an assumed role
    this.ddb = new DynamoDBClient({
      region: config.get<string>("AWS_REGION") ?? "eu-west-1",
      credentials: fromTemporaryCredentials({
        params: { RoleArn: config.get<string>("LEDGER_ROLE_ARN") ?? "", RoleSessionName: config.get<string>("LEDGER_SESSION_NAME") ?? "ledger" },
      }),
    });
  }
}
