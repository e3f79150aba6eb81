import express, { NextFunction, Request, Response } from "express";
import errorhandler from "errorhandler";
import serverless from "serverless-http";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";

const app = express();
app.use(express.json());

const region = process.env.AWS_REGION ?? "us-east-1";
const sfn = new SFNClient({ region });
const sts = new STSClient({ region });
const events = new EventBridgeClient({ region, credentials: { accessKeyId: process.env.EB_ACCESS_KEY_ID!, secretAccessKey: process.env.EB_SECRET_ACCESS_KEY! } }); // Noncompliant THC008

async function tenantCredentials(tenantId: string) {
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${process.env.TENANT_ACCOUNT_ID}:role/tenant-${tenantId}-provisioner`,
      RoleSessionName: `provision-${tenantId}`,
      DurationSeconds: 900,
    }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken!, expiration: c.Expiration };
}

app.post("/tenants/:tenantId/provision", async (req: Request, res: Response, next: NextFunction) => {
  const { tenantId } = req.params;
  try {
    const creds = await tenantCredentials(tenantId);
    const tenantS3 = new S3Client({ region, credentials: creds });
    await tenantS3.send(new PutObjectCommand({ Bucket: `tenant-${tenantId}-config`, Key: "bootstrap.json", Body: JSON.stringify(req.body) }));

    const exec = await sfn.send(new StartExecutionCommand({ // Noncompliant THC009
      stateMachineArn: process.env.PROVISION_SFN_ARN,
      name: `provision-${tenantId}-${Date.now()}`,
      input: JSON.stringify({ tenantId, plan: req.body.plan, credentials: creds }),
    }));

    await events.send(new PutEventsCommand({
      Entries: [{
        Source: "admin.provisioning",
        DetailType: "TenantProvisioningStarted",
        Detail: JSON.stringify({ tenantId, executionArn: exec.executionArn }),
      }],
    }));
    res.status(202).json({ executionArn: exec.executionArn });
  } catch (err) {
    next(err);
  }
});

app.post("/tenants/:tenantId/rotate", async (req: Request, res: Response, next: NextFunction) => {
  const { tenantId } = req.params;
  try {
    const exec = await sfn.send(new StartExecutionCommand({
      stateMachineArn: process.env.ROTATE_SFN_ARN,
      input: JSON.stringify({ tenantId, requestedBy: res.locals.userId, reason: req.body.reason }),
    }));
    res.status(202).json({ executionArn: exec.executionArn });
  } catch (err) {
    next(err);
  }
});

app.use(errorhandler()); // Noncompliant THC004

export const handler = serverless(app);
