import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import pino from 'pino';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

export interface Context {
  requestId: string;
  userId?: string;
  email?: string;
}

const t = initTRPC.context<Context>().create();

const isAuthed = t.middleware(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

const protectedProcedure = t.procedure.use(isAuthed);

const awsConfig = {
  region: process.env.AWS_REGION ?? 'us-east-1',
  provisioningRoleArn: process.env.PROVISIONING_ROLE_ARN!,
  stateMachineArn: process.env.ONBOARDING_STATE_MACHINE_ARN!,
  dbSecretArn: process.env.TENANT_DB_SECRET_ARN!,
};

// provisioning user lives in the shared-services account
const sts = new STSClient({ // Noncompliant THC008
  region: awsConfig.region,
  credentials: { accessKeyId: 'AKIAZ7FAKEQ3MXR2LPWD', secretAccessKey: 'kq9FAKEs3cr3tK3yForT3stingOnly0000FAKE' },
});
const sfn = new SFNClient({ region: awsConfig.region });
const secrets = new SecretsManagerClient({ region: awsConfig.region });

async function tenantCredentials(tenantId: string) {
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: awsConfig.provisioningRoleArn, RoleSessionName: `tenant-${tenantId}`, DurationSeconds: 900 }),
  );
  if (!Credentials) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'could not assume role' });
  return Credentials;
}

export const tenantRouter = t.router({
  provision: protectedProcedure
    .input(z.object({ tenantId: z.string().min(3), plan: z.enum(['free', 'pro', 'enterprise']) }))
    .mutation(async ({ ctx, input }) => {
      logger.info({ userId: ctx.userId, email: ctx.email, tenantId: input.tenantId }, 'provisioning tenant');
      const creds = await tenantCredentials(input.tenantId);
      logger.debug({ creds, requestId: ctx.requestId }, 'assumed provisioning role'); // Noncompliant THC001
      const execInput = {
        tenantId: input.tenantId,
        plan: input.plan,
        aws: { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken },
      };
      const exec = await sfn.send(new StartExecutionCommand({ stateMachineArn: awsConfig.stateMachineArn, input: JSON.stringify(execInput) })); // Noncompliant THC009
      return { executionArn: exec.executionArn };
    }),

  rotateDbPassword: protectedProcedure
    .input(z.object({ tenantId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const payload = { action: 'rotate', tenantId: input.tenantId, secretArn: awsConfig.dbSecretArn };
      const exec = await sfn.send(new StartExecutionCommand({ stateMachineArn: awsConfig.stateMachineArn, input: JSON.stringify(payload) }));
      logger.info({ executionArn: exec.executionArn, requestId: ctx.requestId }, 'rotation started');
      return { executionArn: exec.executionArn };
    }),

  dbStatus: protectedProcedure
    .input(z.object({ tenantId: z.string() }))
    .query(async ({ input }) => {
      const secret = await secrets.send(new GetSecretValueCommand({ SecretId: awsConfig.dbSecretArn }));
      const { host, port, password } = JSON.parse(secret.SecretString ?? '{}');
      logger.info({ tenantId: input.tenantId, host, port, hasPassword: Boolean(password) }, 'db connection info');
      return { host, port };
    }),
});

export type TenantRouter = typeof tenantRouter;
