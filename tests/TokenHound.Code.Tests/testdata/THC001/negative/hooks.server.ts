// SvelteKit server hooks and an API route (adapter for AWS Lambda): only the presence of credentials is logged.
import type { Handle, RequestHandler } from '@sveltejs/kit';

export const handle: Handle = async ({ event, resolve }) => {
  const { url, request } = event;
  const apiAuth = request.headers.get('authorization');
  if (apiAuth) console.log(`[hooks] api call ${url.pathname} (bearer: ${apiAuth.length} chars)`);
  return resolve(event);
};

export const POST: RequestHandler = async ({ request, params }) => {
  const key = request.headers.get('x-api-key');
  console.info('import for', params.tenant, key ? 'with a key' : 'without a key');
  return new Response(null, { status: 202 });
};
