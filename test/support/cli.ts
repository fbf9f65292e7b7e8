import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/main';

/** Runs the controlbot CLI in-process with captured output, as `controlbot <args>` with `env`. */
export async function cli(env: Record<string, string>, args: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const code = await runCli(['node', 'controlbot', ...args], env, { stdout, stderr, stdin: Readable.from([stdin]) });
  return { code, out, err };
}
