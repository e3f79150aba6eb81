// LLM gateway Lambda: routes prompts to Bedrock, falls back to an external provider.
import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { createHash, randomUUID } from "node:crypto";

const bedrock = new BedrockRuntimeClient({ region: process.env.AWS_REGION });
const secrets = new SecretsManagerClient({});
const PROVIDER_SECRET_ID = process.env.PROVIDER_SECRET_ID ?? "llm-gateway/provider-keys";
const FALLBACK_BASE_URL = process.env.FALLBACK_BASE_URL ?? "https://api.example-llm.test/v1";
const DEFAULT_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

let cachedKeys;

async function loadProviderKeys() {
  if (cachedKeys) return cachedKeys;
  const out = await secrets.send(new GetSecretValueCommand({ SecretId: PROVIDER_SECRET_ID }));
  cachedKeys = JSON.parse(out.SecretString);
  console.info(`loaded provider keys from ${PROVIDER_SECRET_ID} (version ${out.VersionId})`);
  return cachedKeys;
}

const fingerprint = (value) => createHash("sha256").update(value).digest("hex").slice(0, 12);

async function invokeBedrock(modelId, prompt) {
  const payload = {
    anthropic_version: "bedrock-2023-05-31",
    max_tokens: 1024,
    messages: [{ role: "user", content: [{ type: "text", text: prompt }] }],
  };
  const res = await bedrock.send(new InvokeModelCommand({
    modelId,
    contentType: "application/json",
    accept: "application/json",
    body: JSON.stringify(payload),
  }));
  const decoded = JSON.parse(new TextDecoder().decode(res.body));
  return decoded.content?.[0]?.text ?? "";
}

async function callFallbackProvider(prompt, keys) {
  const apiKey = keys.fallbackApiKey;
  console.debug("fallback provider key fingerprint", fingerprint(apiKey));
  console.debug("using fallback provider key", apiKey); // Noncompliant THC001
  const res = await fetch(`${FALLBACK_BASE_URL}/complete?api_key=${encodeURIComponent(apiKey)}`, { // Noncompliant THC009
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ prompt, max_tokens: 1024 }),
  });
  if (!res.ok) throw new Error(`fallback provider returned ${res.status}`);
  return (await res.json()).completion;
}

export const handler = async (event, context) => {
  console.log("gateway event", JSON.stringify(event)); // Noncompliant THC002
  console.log("request", context.awsRequestId, event.requestContext?.http?.path);

  let body;
  try {
    body = JSON.parse(event.body ?? "{}");
  } catch {
    const correlationId = randomUUID();
    console.warn("bad json body", { correlationId });
    return { statusCode: 400, body: JSON.stringify({ error: "invalid JSON", correlationId }) };
  }

  const modelId = body.modelId ?? DEFAULT_MODEL;
  try {
    let text;
    try {
      text = await invokeBedrock(modelId, body.prompt);
    } catch (err) {
      if (err.name !== "ThrottlingException") throw err;
      console.warn("bedrock throttled, using fallback", { modelId });
      text = await callFallbackProvider(body.prompt, await loadProviderKeys());
    }
    return { statusCode: 200, body: JSON.stringify({ modelId, text }) };
  } catch (err) {
    console.error("invoke failed", err.name, err.message);
    return { statusCode: 500, body: JSON.stringify({ message: "model invocation failed", detail: err.stack }) }; // Noncompliant THC003
  }
};
