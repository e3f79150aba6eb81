// a line split into tokens, and a handler looked up by a token type: neither is a credential
function parseOffset(lines, nextLine) {
  const tokens = nextLine(lines).split(/[\s]+/);
  if (tokens[0] !== 'OFFSET') {
    console.error('Expected OFFSET but got: ' + tokens[0]);
  }
  return [parseFloat(tokens[1]), parseFloat(tokens[2]), parseFloat(tokens[3])];
}

class ResourceEndpoint {
  constructor(tokens) {
    this.tokens = tokens;
  }

  verifyRequest(request) {
    const tokenTypeHandler = this.tokens.get(request.tokenType);
    console.debug('Dispatching token_type %s request to %o.', request.tokenType, tokenTypeHandler);
    return tokenTypeHandler.validate(request);
  }
}

module.exports = { parseOffset, ResourceEndpoint };
