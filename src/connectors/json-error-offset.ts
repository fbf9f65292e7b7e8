/** Thrown inside the scanner to unwind to `jsonErrorOffset` with the offset of the first bad character. */
class Stop {
  constructor(readonly at: number) {}
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * The offset of the first character at which `text` stops being one JSON value (`text.length` when
 * it ends too early), so an error can name its line. JSON.parse does not always say where: V8's
 * "Unexpected token" messages carry no position.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stop = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const expect = (ch: string) => {
    space();
    if (text[i] !== ch) stop();
    i += 1;
  };
  const string = () => {
    expect('"');
    while (text[i] !== '"') {
      ESCAPE.lastIndex = i;
      if (text[i] === '\\' && ESCAPE.test(text)) i = ESCAPE.lastIndex;
      else if (i >= text.length || (text[i] as string) < ' ' || text[i] === '\\') stop();
      else i += 1;
    }
    i += 1;
  };
  /** The items of an array or the members of an object, from its opening to its `close` character. */
  const items = (close: string, item: () => void) => {
    i += 1;
    space();
    if (text[i] !== close) {
      item();
      for (space(); text[i] !== close; space()) {
        expect(',');
        item();
      }
    }
    i += 1;
  };
  const member = () => {
    string();
    expect(':');
    value();
  };
  const value = (): void => {
    space();
    if (text[i] === '{') items('}', member);
    else if (text[i] === '[') items(']', value);
    else if (text[i] === '"') string();
    else {
      LITERAL.lastIndex = i;
      if (!LITERAL.test(text)) stop();
      i = LITERAL.lastIndex;
    }
  };
  try {
    value();
    space();
    return i;
  } catch (err) {
    if (err instanceof Stop) return Math.min(err.at, text.length);
    throw err;
  }
}
