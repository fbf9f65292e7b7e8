import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder that holds controlbot's package.json (and data/, workflows/), found by walking up from
 * this file, so it is the same whether the code runs from src/ (tsx, jest) or from dist/.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'data'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`controlbot: no package root above ${from}`);
    dir = parent;
  }
  return dir;
}
