import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { AppError } from '../kernel/errors';

/** A parsed YAML file that can say on which line any value sits, for `file:line: message` errors. */
export interface YamlSource {
  file: string;
  data: unknown;
  lineOf(path: readonly (string | number)[]): number;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const details = doc.errors.map((e) => `${file}:${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
    throw new AppError('invalid_input', details.join('\n'), { details });
  }
  const lineAt = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  return {
    file,
    data: doc.toJS(),
    lineOf(path) {
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
    },
  };
}
