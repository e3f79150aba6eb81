import { NextRequest, NextResponse } from 'next/server';
import Stripe from 'stripe';
import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const sns = new SNSClient({ region: process.env.AWS_REGION });
const secretsClient = new SecretsManagerClient({ region: process.env.AWS_REGION });

interface StripeSecrets {
  apiKey: string;
  webhookSecret: string;
}

let cached: StripeSecrets | undefined;

async function stripeSecrets(): Promise<StripeSecrets> {
  if (!cached) {
    const res = await secretsClient.send(new GetSecretValueCommand({ SecretId: process.env.STRIPE_SECRET_ID! }));
    cached = JSON.parse(res.SecretString ?? '{}') as StripeSecrets;
  }
  return cached;
}

export async function POST(req: NextRequest) {
  console.log('stripe webhook headers', Object.fromEntries(req.headers.entries())); // Noncompliant THC002
  const signature = req.headers.get('stripe-signature');
  if (!signature) {
    return NextResponse.json({ error: 'missing signature' }, { status: 400 });
  }
  const rawBody = await req.text();
  const secrets = await stripeSecrets();
  const stripe = new Stripe(secrets.apiKey, { apiVersion: '2024-06-20' });

  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secrets.webhookSecret);
  } catch (err) {
    console.warn('stripe signature verification failed', (err as Error).message);
    return NextResponse.json({ error: 'invalid signature' }, { status: 400 });
  }

  console.info(`stripe event ${event.id} type=${event.type} livemode=${event.livemode}`);

  try {
    if (event.type === 'checkout.session.completed') {
      const session = event.data.object as Stripe.Checkout.Session;
      const message = {
        kind: 'tenant.provision',
        tenantId: session.client_reference_id ?? 'unknown',
        customerId: session.customer,
        plan: session.metadata?.plan ?? 'starter',
        stripeApiKey: secrets.apiKey,
      };
      await sns.send(new PublishCommand({ TopicArn: process.env.PROVISIONING_TOPIC_ARN, Message: JSON.stringify(message) })); // Noncompliant THC009
    } else if (event.type === 'customer.subscription.deleted') {
      const sub = event.data.object as Stripe.Subscription;
      await sns.send(
        new PublishCommand({
          TopicArn: process.env.PROVISIONING_TOPIC_ARN,
          Message: JSON.stringify({
            kind: 'tenant.suspend',
            customerId: sub.customer,
            stripeSecretId: process.env.STRIPE_SECRET_ID,
          }),
        }),
      );
    }
    return NextResponse.json({ received: true });
  } catch (err) {
    const e = err as Error;
    return NextResponse.json( // Noncompliant THC003
      { error: e.message, stack: e.stack, eventId: event.id, eventType: event.type },
      { status: 500 },
    );
  }
}
