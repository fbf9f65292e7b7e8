#!/usr/bin/env node
// Runs a command with MONGODB_URI pointing at a MongoDB-compatible server.
// - MONGODB_URI already set: used as is.
// - otherwise FerretDB v1 (installed by .ci/install-ferretdb.sh) is started on a free loopback port
//   with the SQLite handler in a temporary folder, and stopped when the command ends.
//   CONTROLBOT_TEST_FERRETDB_HANDLER=postgresql uses the local PostgreSQL instead.
// - no server and CI=true: fails, because the mongo suite is mandatory in CI.
// - no server on a laptop: runs the command without MONGODB_URI, so the mongo suites skip visibly.
// Used by `npm test`, `npm run bench` and .ci/run alike.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

function findFerretDb() {
  const candidates = [];
  try {
    const gopath = execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim();
    candidates.push(path.join(gopath, 'bin', 'ferretdb'));
  } catch {
    // Go is not installed: fall back to the default GOPATH and PATH below.
  }
  candidates.push(path.join(os.homedir(), 'go', 'bin', 'ferretdb'));
  for (const dir of (process.env.PATH || '').split(path.delimiter)) candidates.push(path.join(dir, 'ferretdb'));
  return candidates.find((file) => fs.existsSync(file));
}

async function waitForPort(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.end();
        resolve(true);
      });
      sock.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`FerretDB did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

async function startFerretDb(bin) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'controlbot-ferretdb-'));
  const handler = process.env.CONTROLBOT_TEST_FERRETDB_HANDLER || 'sqlite';
  const handlerArgs =
    handler === 'postgresql'
      ? ['--handler=postgresql', `--postgresql-url=postgres://127.0.0.1:5432/test`]
      : ['--handler=sqlite', `--sqlite-url=file:${dir}/`];
  const log = fs.openSync(path.join(dir, 'ferretdb.log'), 'a');
  const child = spawn(
    bin,
    [...handlerArgs, `--listen-addr=127.0.0.1:${port}`, '--telemetry=disable', `--state-dir=${dir}`, '--debug-addr=-'],
    { stdio: ['ignore', log, log] },
  );
  try {
    await waitForPort(port, child, 15000);
  } catch (err) {
    child.kill('SIGKILL');
    process.stderr.write(fs.readFileSync(path.join(dir, 'ferretdb.log'), 'utf8').slice(-2000));
    throw err;
  }
  const stop = () => {
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { uri: `mongodb://127.0.0.1:${port}/controlbot`, stop, handler };
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (!cmd) throw new Error('usage: node test/with-ferretdb.js <command> [args...]');
  const env = { ...process.env };
  let server;
  if (!env.MONGODB_URI) {
    const bin = findFerretDb();
    if (bin) {
      server = await startFerretDb(bin);
      env.MONGODB_URI = server.uri;
      console.error(`with-ferretdb: FerretDB (${server.handler}) at ${server.uri}`);
    } else if (env.CI === 'true') {
      throw new Error('FerretDB is not installed and CI=true: run .ci/install-ferretdb.sh first');
    } else {
      console.error('with-ferretdb: NOTICE no FerretDB found and MONGODB_URI unset: MongoDB suites will be SKIPPED.');
      console.error('with-ferretdb: run .ci/install-ferretdb.sh (needs Go) or set MONGODB_URI to test them.');
    }
  }
  const child = spawn(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => child.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0))));
  server?.stop();
  process.exit(code);
}

main().catch((err) => {
  console.error(`with-ferretdb: ${err.message}`);
  process.exit(1);
});
