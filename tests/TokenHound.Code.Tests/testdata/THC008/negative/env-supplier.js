// A credential supplier that reads the standard variables, like the SDK's own fromEnv(): it hands them to the caller
// that asked for them; it does not pin a client to them.

class DefaultAwsSecurityCredentialsSupplier {
  constructor(region) {
    this.region = region;
  }

  get #securityCredentialsFromEnv() {
    if (process.env['AWS_ACCESS_KEY_ID'] && process.env['AWS_SECRET_ACCESS_KEY']) {
      return {
        accessKeyId: process.env['AWS_ACCESS_KEY_ID'],
        secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'],
        token: process.env['AWS_SESSION_TOKEN'],
      };
    }
    return null;
  }

  async getAwsSecurityCredentials() {
    const fromEnv = this.#securityCredentialsFromEnv;
    if (fromEnv) {
      return fromEnv;
    }
    throw new Error('no AWS credentials in the environment');
  }
}

function fromEnvironment() {
  return { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY };
}

module.exports = { DefaultAwsSecurityCredentialsSupplier, fromEnvironment };
