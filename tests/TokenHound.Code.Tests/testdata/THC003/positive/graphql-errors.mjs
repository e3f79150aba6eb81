import { ApolloServer } from '@apollo/server';

const typeDefs = `#graphql
  type Query { ping: String }
`;
const resolvers = { Query: { ping: () => 'pong' } };

function formatError(formattedError, error) {
  const original = error?.originalError ?? error;
  if (process.env.NODE_ENV === 'production') {
    return { message: formattedError.message, code: formattedError.extensions?.code };
  }
  return { message: formattedError.message, path: formattedError.path, stack: original?.stack }; // Noncompliant
}

export const server = new ApolloServer({ typeDefs, resolvers, formatError });
