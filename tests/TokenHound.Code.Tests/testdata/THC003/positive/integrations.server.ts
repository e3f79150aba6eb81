import { json, redirect } from '@remix-run/node';
import type { ActionFunctionArgs } from '@remix-run/node';
import { connectPartner } from '~/partners.server';

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  try {
    await connectPartner(String(form.get('partner')), String(form.get('code')));
    return redirect('/integrations');
  } catch (error) {
    return json({ message: 'Could not connect', stack: (error as Error).stack }, { status: 500 }); // Noncompliant THC003
  }
}

export async function loader({ request }: ActionFunctionArgs) {
  try {
    return json({ partners: await listPartners(request) });
  } catch (err) {
    console.error('listing partners failed', err);
    return json({ error: 'Could not list partners', requestId: request.headers.get('x-request-id') }, { status: 500 });
  }
}
