import { ApolloServer } from '@apollo/server';
import { startServerAndCreateLambdaHandler, handlers } from '@as-integrations/aws-lambda';
import { typeDefs, resolvers } from './schema.mjs';

const server = new ApolloServer({
  typeDefs,
  resolvers,
  introspection: false,
  formatError: (formattedError, error) => ({ // Noncompliant
    ...formattedError,
    extensions: { ...formattedError.extensions, stacktrace: error?.originalError?.stack },
  }),
});

const legacy = new ApolloServer({
  typeDefs,
  resolvers,
  formatError: function (formattedError, error) {
    const original = error.originalError ?? error;
    return { message: formattedError.message, stack: original.stack }; // Noncompliant
  },
});

export const handler = startServerAndCreateLambdaHandler(server, handlers.createAPIGatewayProxyEventV2RequestHandler());
export const legacyHandler = startServerAndCreateLambdaHandler(legacy, handlers.createAPIGatewayProxyEventV2RequestHandler());
