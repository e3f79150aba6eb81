// Build-agent helper: fetches an ECR authorization for the mirror registry and writes the Docker config used by the
// image build step. Only where the registry is and when the authorization expires are logged, never the token.
const fs = require('fs');
const path = require('path');
const AWS = require('aws-sdk');

const ecr = new AWS.ECR({ region: process.env.MIRROR_REGION || 'us-east-1' });
const DOCKER_CONFIG = process.env.DOCKER_CONFIG || path.join(process.env.HOME, '.docker');

async function writeDockerConfig() {
  const { authorizationData } = await ecr.getAuthorizationToken({}).promise();
  const [auth] = authorizationData;
  console.log('mirror registry', auth.proxyEndpoint, 'authorization expires at', auth.expiresAt);
  console.info(`docker config for ${auth.proxyEndpoint} valid until ${auth.expiresAt.toISOString()}`);

  const registry = auth.proxyEndpoint.replace(/^https:\/\//, '');
  fs.mkdirSync(DOCKER_CONFIG, { recursive: true });
  fs.writeFileSync(path.join(DOCKER_CONFIG, 'config.json'), JSON.stringify({ auths: { [registry]: { auth: auth.authorizationToken } } }), { mode: 0o600 });
  return registry;
}

module.exports = { writeDockerConfig };
