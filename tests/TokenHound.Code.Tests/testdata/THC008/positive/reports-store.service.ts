// NestJS provider for the reports table in the shared analytics account. The keys are read through ConfigService from
// the container's environment (REPORTS_AWS_ACCESS_KEY_ID / REPORTS_AWS_SECRET_ACCESS_KEY).
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

@Injectable()
export class ReportsStore {
  private readonly logger = new Logger(ReportsStore.name);
  private readonly doc: DynamoDBDocumentClient;
  private readonly exports: S3Client;

  constructor(private readonly config: ConfigService) {
    const client = new DynamoDBClient({ region: config.get<string>('AWS_REGION'), credentials: { accessKeyId: config.getOrThrow<string>('REPORTS_AWS_ACCESS_KEY_ID'), secretAccessKey: config.getOrThrow<string>('REPORTS_AWS_SECRET_ACCESS_KEY') } }); // Noncompliant THC008
    this.doc = DynamoDBDocumentClient.from(client);
    this.exports = new S3Client({ region: config.get('AWS_REGION'), credentials: { accessKeyId: config.get('reports.aws.accessKeyId'), secretAccessKey: config.get('reports.aws.secretAccessKey') } }); // Noncompliant THC008
  }

  async forTenant(tenantId: string) {
    const out = await this.doc.send(new QueryCommand({ TableName: this.config.get('REPORTS_TABLE'), KeyConditionExpression: 'tenantId = :t', ExpressionAttributeValues: { ':t': tenantId } }));
    this.logger.log(`tenant ${tenantId}: ${out.Count} reports`);
    return out.Items ?? [];
  }
}
