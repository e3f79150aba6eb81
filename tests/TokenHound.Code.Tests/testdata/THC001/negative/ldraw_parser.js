// A model-file loader with its own line tokenizer: `token` is a word of the file being parsed.

class LineParser {
  constructor(line, lineNumber) {
    this.line = line;
    this.lineLength = line.length;
    this.currentCharIndex = 0;
    this.lineNumber = lineNumber;
  }

  getToken() {
    const pos0 = this.currentCharIndex++;
    while (this.currentCharIndex < this.lineLength && this.line.charAt(this.currentCharIndex) !== ' ') {
      this.currentCharIndex++;
    }
    return this.line.substring(pos0, this.currentCharIndex);
  }
}

export function parseMeta(text) {
  const lines = text.split('\n');
  let bfcCull = true;
  for (let i = 0; i < lines.length; i++) {
    const lp = new LineParser(lines[i], i + 1);
    const lineType = lp.getToken();
    if (lineType !== '0') continue;
    const token = lp.getToken();
    switch (token) {
      case 'CLIP':
      case 'NOCLIP':
        bfcCull = token === 'CLIP';
        break;
      default:
        console.warn('LDrawLoader: BFC directive "' + token + '" is unknown.');
    }
  }
  return bfcCull;
}

export function dump(scanner) {
  const token = scanner.next();
  console.log(token);
  console.log('kind', token.type, 'at', token.start, token.end);
}
