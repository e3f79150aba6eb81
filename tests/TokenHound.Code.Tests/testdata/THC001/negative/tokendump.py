"""Print the tokens of a Python file (a small version of `python -m tokenize`)."""
import logging
import sys
import token
import tokenize

logger = logging.getLogger(__name__)


def dump(path, exact=False):
    with open(path, "rb") as f:
        tokens = list(tokenize.tokenize(f.readline))
    for tok in tokens:
        token_type = tok.exact_type if exact else tok.type
        token_range = "%d,%d-%d,%d:" % (tok.start + tok.end)
        print("%-20s%-15s%-15r" % (token_range, token.tok_name[token_type], tok.string))


def classify(type, value, prefix):
    logger.debug("%s %r (prefix=%r)", token.tok_name[type], value, prefix)


class WordReader:
    def __init__(self, stream):
        self.stream = stream
        self.debug = 0

    def read_token(self):
        return self.stream.readline().strip()

    def get_token(self):
        raw = self.read_token()
        if self.debug >= 1:
            print("reader: token=" + repr(raw))
        return raw


if __name__ == "__main__":
    dump(sys.argv[1])
    reader = WordReader(sys.stdin)
    while True:
        tt = reader.get_token()
        if not tt:
            break
        print("Token: " + repr(tt))
