// A markdown renderer: tokens are pieces of the document, the lexer produces them.

interface Token {
  type: string;
  raw: string;
  text?: string;
}

export class Renderer {
  private silent = false;

  render(tokens: Token[]): string {
    let out = '';
    for (const token of tokens) {
      switch (token.type) {
        case 'space':
          continue;
        case 'paragraph':
          out += '<p>' + token.text + '</p>\n';
          continue;
        default: {
          const errMsg = 'Token with "' + token.type + '" type was not found.';
          if (this.silent) {
            console.error(errMsg);
            return '';
          }
          throw new Error(errMsg);
        }
      }
    }
    return out;
  }

  debug(token: Token) {
    console.debug('token', token.raw, token.text);
  }
}
