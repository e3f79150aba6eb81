import { ApolloServer } from '@apollo/server';
import { typeDefs, resolvers } from './schema.mjs';

const server = new ApolloServer({
  typeDefs,
  resolvers,
  formatError: (formattedError, error) => {
    console.error('graphql error', error?.originalError?.stack);
    return { message: formattedError.message, code: formattedError.extensions?.code, requestId: formattedError.extensions?.requestId };
  },
});

const options = {
  onError: (err, stackFrames) => ({ message: err.message, frames: stackFrames.length }),
};

export { server, options };
