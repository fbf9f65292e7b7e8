import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { AppError } from '../kernel/errors';

/** A parsed YAML file that can say on which line any value sits, for `file:line: message` errors. */
export interface YamlSource {
  file: string;
  data: unknown;
  lineOf(path: readonly (string | number)[]): number;
}

/**
 * The full parse with every node's position: slow to start (about 150 ms for the catalog on a cold
 * process), so it is only done when a line must be named or when the fast parser refuses the text.
 */
function documentOf(file: string, text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const details = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
    throw new AppError('invalid_input', details.join('\n'), { details });
  }
  const lineAt = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const lineOf = (path: readonly (string | number)[]) => {
    let node: unknown = doc.contents;
    let line = lineAt(doc.contents);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
        if (!pair) break;
        line = lineAt(pair.key as Node);
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        line = lineAt(node as Node);
      } else break;
    }
    return line;
  };
  return { data: doc.toJS() as unknown, lineOf };
}

/**
 * Parses with js-yaml (YAML 1.2 core schema, duplicate keys refused), which starts several times
 * faster; positions come from a full parse made the first time a line is asked for. Text the fast
 * parser refuses goes through the full parser, whose messages name the line.
 */
export function parseYamlSource(file: string, text: string): YamlSource {
  let data: unknown;
  try {
    data = fastLoad(text, { filename: file, schema: CORE_SCHEMA });
  } catch {
    const full = documentOf(file, text);
    return { file, data: full.data, lineOf: full.lineOf };
  }
  let full: ReturnType<typeof documentOf> | undefined;
  return {
    file,
    data,
    lineOf(path) {
      full ??= documentOf(file, text);
      return full.lineOf(path);
    },
  };
}
