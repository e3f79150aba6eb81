import {
  SageMakerFeatureStoreRuntimeClient,
  GetRecordCommand,
  PutRecordCommand,
  FeatureValue,
} from "@aws-sdk/client-sagemaker-featurestore-runtime";
import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { Logger } from "@aws-lambda-powertools/logger";

const logger = new Logger({ serviceName: "feature-store-client" });

export interface FeatureStoreOptions {
  region: string;
  featureGroup: string;
  crossAccountRoleArn?: string;
  eventBusName?: string;
}

// Historical backfill jobs still run from the on-prem scheduler.
const LEGACY_BACKFILL_KEYS = { // Noncompliant THC008
  accessKeyId: "AKIAZ7FAKEB4CKF7LL22",
  secretAccessKey: "FAKEbackfillSecretKey0000000000000000000",
};

export class FeatureStoreClient {
  private readonly runtime: SageMakerFeatureStoreRuntimeClient;
  private readonly events = new EventBridgeClient({});
  private readonly sts = new STSClient({});

  constructor(private readonly opts: FeatureStoreOptions) {
    this.runtime = new SageMakerFeatureStoreRuntimeClient({ region: opts.region });
  }

  static forBackfill(opts: FeatureStoreOptions): SageMakerFeatureStoreRuntimeClient {
    return new SageMakerFeatureStoreRuntimeClient({
      region: opts.region,
      credentials: LEGACY_BACKFILL_KEYS,
    });
  }

  async getFeatures(recordId: string, names?: string[]): Promise<Record<string, string>> {
    const out = await this.runtime.send(new GetRecordCommand({
      FeatureGroupName: this.opts.featureGroup,
      RecordIdentifierValueAsString: recordId,
      FeatureNames: names,
    }));
    logger.debug("feature lookup", { recordId, found: (out.Record ?? []).length });
    return Object.fromEntries((out.Record ?? []).map((f) => [f.FeatureName!, f.ValueAsString!]));
  }

  async putFeatures(recordId: string, features: Record<string, string | number>): Promise<void> {
    const record: FeatureValue[] = Object.entries(features).map(([k, v]) => ({
      FeatureName: k,
      ValueAsString: String(v),
    }));
    record.push({ FeatureName: "event_time", ValueAsString: new Date().toISOString() });
    await this.runtime.send(new PutRecordCommand({ FeatureGroupName: this.opts.featureGroup, Record: record }));
  }

  async crossAccountRuntime(): Promise<SageMakerFeatureStoreRuntimeClient> {
    if (!this.opts.crossAccountRoleArn) return this.runtime;
    const out = await this.sts.send(new AssumeRoleCommand({
      RoleArn: this.opts.crossAccountRoleArn,
      RoleSessionName: "feature-sync",
      DurationSeconds: 3600,
    }));
    const creds = out.Credentials!;
    logger.info("assumed cross-account role", {
      roleArn: this.opts.crossAccountRoleArn,
      expires: creds.Expiration?.toISOString(),
    });
    logger.debug("cross-account credentials", { creds }); // Noncompliant THC001

    await this.events.send(new PutEventsCommand({ // Noncompliant THC009
      Entries: [{
        EventBusName: this.opts.eventBusName ?? "default",
        Source: "ml.feature-store",
        DetailType: "CrossAccountSyncStarted",
        Detail: JSON.stringify({
          featureGroup: this.opts.featureGroup,
          accessKeyId: creds.AccessKeyId,
          secretAccessKey: creds.SecretAccessKey,
          sessionToken: creds.SessionToken,
        }),
      }],
    }));

    return new SageMakerFeatureStoreRuntimeClient({
      region: this.opts.region,
      credentials: {
        accessKeyId: creds.AccessKeyId!,
        secretAccessKey: creds.SecretAccessKey!,
        sessionToken: creds.SessionToken,
      },
    });
  }
}
