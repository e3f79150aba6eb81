import { ApolloServer } from '@apollo/server';
import { startServerAndCreateLambdaHandler, handlers } from '@as-integrations/aws-lambda';
import { GraphQLError } from 'graphql';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { jwtDecode } from 'jwt-decode';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';

const typeDefs = `#graphql
  type Invoice { id: ID!, total: Float!, status: String! }
  type Query { invoices: [Invoice!]!, adminAudit(limit: Int): [String!]! }
  type Mutation { exportInvoices(format: String!): String! }
`;

interface Ctx {
  requestId: string;
  token?: string;
  idToken?: string;
  sub?: string;
  username?: string;
}

type GroupClaims = { sub: string; 'cognito:groups'?: string[] };

const verifier = CognitoJwtVerifier.create({ // Noncompliant THC006
  userPoolId: process.env.USER_POOL_ID!,
  tokenUse: 'access',
  clientId: null,
});

const lambda = new LambdaClient({});
const EXPORT_FN = process.env.EXPORT_FUNCTION_NAME ?? 'invoice-exporter';
const INVOICE_FN = process.env.INVOICE_FUNCTION_NAME ?? 'invoice-reader';

async function invokeJson<T>(functionName: string, payload: unknown): Promise<T> {
  const res = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(payload)) }));
  return JSON.parse(Buffer.from(res.Payload ?? new Uint8Array()).toString() || 'null') as T;
}

const resolvers = {
  Query: {
    invoices: async (_: unknown, __: unknown, ctx: Ctx) => {
      if (!ctx.sub) throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } });
      return invokeJson(INVOICE_FN, { userId: ctx.sub });
    },
    adminAudit: async (_: unknown, args: { limit?: number }, ctx: Ctx) => {
      if (!ctx.idToken) throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } });
      const claims = jwtDecode<GroupClaims>(ctx.idToken); // Noncompliant THC005
      if (!(claims['cognito:groups'] ?? []).includes('auditors')) {
        throw new GraphQLError('Forbidden', { extensions: { code: 'FORBIDDEN' } });
      }
      return invokeJson<string[]>(INVOICE_FN, { action: 'audit', limit: args.limit ?? 50 });
    },
  },
  Mutation: {
    exportInvoices: async (_: unknown, { format }: { format: string }, ctx: Ctx) => {
      if (!ctx.sub) throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } });
      const job = { userId: ctx.sub, format, requestId: ctx.requestId, authToken: ctx.token };
      await lambda.send(new InvokeCommand({ FunctionName: EXPORT_FN, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(job)) })); // Noncompliant THC009
      return ctx.requestId;
    },
  },
};

const server = new ApolloServer<Ctx>({
  typeDefs,
  resolvers,
  introspection: process.env.STAGE !== 'prod',
});

export const graphqlHandler = startServerAndCreateLambdaHandler(
  server,
  handlers.createAPIGatewayProxyEventV2RequestHandler(),
  {
    context: async ({ event, context }) => {
      const base: Ctx = { requestId: context.awsRequestId, idToken: event.headers['x-id-token'] };
      const token = event.headers.authorization?.replace(/^Bearer /, '');
      if (!token) return base;
      try {
        const payload = await verifier.verify(token);
        const { username } = jwtDecode<{ username: string }>(token);
        return { ...base, token, sub: payload.sub, username };
      } catch {
        throw new GraphQLError('Invalid token', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
  },
);
