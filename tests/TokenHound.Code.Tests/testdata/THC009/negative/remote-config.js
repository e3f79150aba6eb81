// Firebase / Google browser API keys are public project identifiers that Google's REST APIs take as `?key=`.

export class RemoteConfigFetcher {
  constructor(app) {
    this.projectId = app.options.projectId;
    this.apiKey = app.options.apiKey;
    this.namespace = 'firebase';
  }

  async fetch(urlBase) {
    const url = `${urlBase}/v1/projects/${this.projectId}/namespaces/${this.namespace}:fetch?key=${this.apiKey}`;
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    return response.json();
  }
}

export function exchangeRequest(projectId, appId, apiKey, attestation) {
  return {
    url: `https://firebaseappcheck.googleapis.com/v1/projects/${projectId}/apps/${appId}:exchangeRecaptchaV3Token?key=${apiKey}`,
    body: { recaptcha_v3_token: attestation },
  };
}
