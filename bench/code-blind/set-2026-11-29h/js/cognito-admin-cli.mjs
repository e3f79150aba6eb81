#!/usr/bin/env node
// ops-cognito: bulk-disable users, trigger password resets and smoke-test logins
// against an internal Cognito user pool. Run from the ops bastion.
import { parseArgs } from 'node:util';
import {
  CognitoIdentityProviderClient,
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';

const { values: opts } = parseArgs({
  options: {
    pool: { type: 'string' },
    client: { type: 'string' },
    cmd: { type: 'string' },
    filter: { type: 'string', default: '' },
    user: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

const cognito = new CognitoIdentityProviderClient({ // Noncompliant THC008
  region: process.env.AWS_REGION ?? 'us-east-1',
  credentials: {
    accessKeyId: process.env.OPS_ADMIN_ACCESS_KEY_ID,
    secretAccessKey: process.env.OPS_ADMIN_SECRET_ACCESS_KEY,
  },
});

const idVerifier = CognitoJwtVerifier.create({ userPoolId: opts.pool, tokenUse: 'id', clientId: null }); // Noncompliant THC006
const accessVerifier = CognitoJwtVerifier.create({ userPoolId: opts.pool, tokenUse: 'access', clientId: opts.client });

async function* listUsers(filter) {
  let token;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: opts.pool, Filter: filter, PaginationToken: token }));
    yield* page.Users ?? [];
    token = page.PaginationToken;
  } while (token);
}

async function disableMatching(filter) {
  let n = 0;
  for await (const u of listUsers(filter)) {
    const sub = u.Attributes?.find((a) => a.Name === 'sub')?.Value;
    console.log(`disabling ${u.Username} (sub=${sub})${opts['dry-run'] ? ' [dry-run]' : ''}`);
    if (!opts['dry-run']) {
      await cognito.send(new AdminDisableUserCommand({ UserPoolId: opts.pool, Username: u.Username }));
    }
    n += 1;
  }
  console.log(`done, ${n} users processed`);
}

async function smokeLogin(username) {
  const out = await cognito.send(new AdminInitiateAuthCommand({
    UserPoolId: opts.pool,
    ClientId: opts.client,
    AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: process.env.SMOKE_TEST_PASSWORD },
  }));
  const result = out.AuthenticationResult;
  console.log('login ok:', JSON.stringify(result, null, 2)); // Noncompliant THC001
  const idClaims = await idVerifier.verify(result.IdToken);
  const accessClaims = await accessVerifier.verify(result.AccessToken);
  console.log(`verified sub=${idClaims.sub} scope=${accessClaims.scope} idTokenLength=${result.IdToken.length}`);
}

async function main() {
  switch (opts.cmd) {
    case 'disable':
      return disableMatching(opts.filter);
    case 'reset':
      await cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: opts.pool, Username: opts.user }));
      return console.log(`password reset triggered for ${opts.user}`);
    case 'smoke':
      return smokeLogin(opts.user);
    default:
      console.error('usage: ops-cognito --pool <id> --client <id> --cmd disable|reset|smoke');
      process.exitCode = 2;
  }
}

main().catch((err) => {
  console.error(`ops-cognito failed: ${err.name}: ${err.message}`);
  process.exitCode = 1;
});
