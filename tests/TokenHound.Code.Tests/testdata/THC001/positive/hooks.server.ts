// SvelteKit server hooks and an API route (adapter for AWS Lambda).
import type { Handle, RequestHandler } from '@sveltejs/kit';

export const handle: Handle = async ({ event, resolve }) => {
  const { url, request } = event;
  const apiAuth = request.headers.get('authorization');
  if (apiAuth) console.log(`[hooks] api call ${url.pathname} auth=${apiAuth}`); // Noncompliant
  return resolve(event);
};

export const POST: RequestHandler = async ({ request, params }) => {
  const key = request.headers.get('x-api-key');
  console.info('import for', params.tenant, 'with key', key); // Noncompliant
  return new Response(null, { status: 202 });
};
