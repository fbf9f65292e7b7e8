import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load-config';
import { silentLogger } from '../../../src/kernel/logger';
import { createServer } from '../../../src/server/create-server';
import { createMetrics } from '../../../src/server/metrics';
import { startServer } from '../../../src/server/start-server';

const ROOT = path.resolve(__dirname, '../../..');
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-server-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }));

describe('HTTP server', () => {
  it('serves health, readiness and metrics on the embedded store, and stops cleanly', async () => {
    const config = loadConfig({ PORT: '0', CONTROLBOT_DATA_DIR: dir });
    const server = await startServer({ config, log: silentLogger, host: '127.0.0.1', handleSignals: false });
    const base = `http://127.0.0.1:${server.port}`;
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    let ready = await fetch(`${base}/readyz`);
    // The store opens in the background: allow for a loaded CI machine.
    for (let i = 0; i < 300 && ready.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      ready = await fetch(`${base}/readyz`);
    }
    expect(ready.status).toBe(200);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(
      /controlbot_store_ready 1\n[\s\S]*controlbot_http_requests_total\{method="GET",status="200"\} \d+/,
    );
    await server.stop();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('is up but not ready while MongoDB is unreachable', async () => {
    const config = loadConfig({ PORT: '0', MONGODB_URI: 'mongodb://127.0.0.1:9/none?serverSelectionTimeoutMS=200' });
    const server = await startServer({ config, log: silentLogger, host: '127.0.0.1', handleSignals: false });
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not ready', store: 'unreachable' });
    await server.stop();
  });

  it('finishes in-flight requests on close and refuses new ones', async () => {
    const server = createServer({
      log: silentLogger,
      ready: async () => true,
      metrics: createMetrics(),
      mounts: [(app) => app.get('/slow', (_q, res) => void setTimeout(() => res.send('done'), 300))],
    });
    const { port } = await server.listen(0, '127.0.0.1');
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    const closed = server.close();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(await inFlight).toBe('done');
    await closed;
  });

  it('`controlbot start` shuts down gracefully on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', CONTROLBOT_DATA_DIR: dir, MONGODB_URI: '', LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /"port":(\d+)/.exec(out);
        if (m) {
          clearInterval(timer);
          resolve(Number(m[1]));
        }
      }, 20);
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    expect(out).toContain('"msg":"stopped"');
    expect(out).not.toMatch(/xoxb-|password/i);
  }, 20_000);
});
