/**
 * The codec server: the remote-codec protocol for an operator with a token, nothing for anyone else,
 * CORS for the UI's origin only; and in Chromium, the Temporal UI (dev server pointed at it with
 * --ui-codec-endpoint) shows a run's encrypted input in clear to the operator, not to a stranger.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodecServer, type RunningCodecServer } from '../../cli/codec-server-command.js';
import { startDevServer, type DevServer } from '../../temporal/dev-server.js';
import { freePort } from '../harness/free-port.js';
import { TEST_PAYLOAD_KEYS, testDataConverter } from '../harness/switchyard-cluster.js';

const TOKEN = 'operator-token-for-the-codec-test-0123456789';
const CARD = '4539 1488 0343 6467';
const CHROMIUM = '/usr/bin/chromium';

let codec: RunningCodecServer;
let uiPort: number;
beforeAll(async () => {
  uiPort = await freePort();
  codec = await startCodecServer({ port: 0, host: '127.0.0.1', uiOrigin: `http://localhost:${uiPort}`, env: { SWITCHYARD_PAYLOAD_KEYS: TEST_PAYLOAD_KEYS, SWITCHYARD_CODEC_TOKENS: TOKEN } });
});
afterAll(async () => codec?.close());

const sealed = async () => {
  const [payload] = await testDataConverter.payloadCodecs![0]!.encode([defaultPayloadConverter.toPayload({ prompt: `card ${CARD}` })]);
  return { metadata: Object.fromEntries(Object.entries(payload!.metadata!).map(([key, value]) => [key, Buffer.from(value!).toString('base64')])), data: Buffer.from(payload!.data!).toString('base64') };
};
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${codec.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('codec server protocol', () => {
  it('decodes for a bearer token, mounted at any depth, and refuses without one', async () => {
    const body = { payloads: [await sealed()] };
    const decoded = (await (await post('/any/prefix/decode', body, { authorization: `Bearer ${TOKEN}` })).json()) as { payloads: Array<{ data: string }> };
    expect(Buffer.from(decoded.payloads[0]!.data, 'base64').toString()).toContain(CARD);
    expect((await post('/decode', body)).status).toBe(401);
    expect((await post('/decode', body, { authorization: 'Bearer wrong-token-wrong-token-wrong' })).status).toBe(401);
  });

  it('encodes so that decode round-trips', async () => {
    const clear = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"hello"').toString('base64') };
    const encoded = (await (await post('/encode', { payloads: [clear] }, { authorization: `Bearer ${TOKEN}` })).json()) as { payloads: unknown[] };
    const decoded = (await (await post('/decode', encoded, { authorization: `Bearer ${TOKEN}` })).json()) as { payloads: unknown[] };
    expect(decoded.payloads).toEqual([clear]);
  });

  it("answers CORS for the UI's origin only", async () => {
    const preflight = (origin: string) => fetch(`${codec.url}/decode`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
    const ui = await preflight(`http://localhost:${uiPort}`);
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(`http://localhost:${uiPort}`);
    expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('http://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the Temporal UI through the codec server, in Chromium', () => {
  let server: DevServer | undefined;
  let profile: string | undefined;
  afterAll(async () => {
    await server?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it("shows a run's input decoded to an operator with the token, and not to anyone else", async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`node scripts/ensure-chromium.mjs\``);
    const grpcPort = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'switchyard-codec-ui-'));
    server = await startDevServer({ dataDir, port: grpcPort, uiPort, uiCodecEndpoint: codec.url, readyTimeoutMs: 180_000 });
    const connection = await Connection.connect({ address: server.address });
    const workflowId = `codec-ui-${Date.now()}`;
    try {
      // No worker needed: the encrypted input sits in the first history event.
      await new Client({ connection, dataConverter: testDataConverter }).workflow.start('routedTask', { taskQueue: 'switchyard-codec-ui-test', workflowId, args: [{ prompt: `Charge card ${CARD}` }] });
    } finally {
      await connection.close();
    }
    profile = await mkdtemp(join(tmpdir(), 'switchyard-codec-chromium-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const workflowPage = `${server.uiUrl}/namespaces/default/workflows/${workflowId}`;
      const inputText = async (operator: boolean) => {
        const context = await browser.newContext();
        const page = await context.newPage();
        if (operator) {
          await page.goto(`${codec.url}/authorize`);
          await page.getByLabel('Operator token').fill(TOKEN);
          await page.getByRole('button', { name: 'Authorize' }).click();
          await page.getByText('This browser may decode payloads').waitFor();
          // The operator's one-time UI setting: send the codec cookie with the UI's decode calls.
          await page.goto(server!.uiUrl!);
          await page.evaluate((endpoint) => {
            // Runs in the page: the UI keeps its codec settings in localStorage as JSON values.
            const storage = (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage;
            storage.setItem('includeCredentials', 'true');
            storage.setItem('overrideRemoteCodecConfiguration', 'true');
            storage.setItem('endpoint', JSON.stringify(endpoint));
          }, codec.url);
        }
        await page.goto(workflowPage);
        await page.getByText(workflowId).first().waitFor({ timeout: 60_000 });
        // Give the UI time to fetch history and ask the codec server.
        await page.waitForTimeout(4_000);
        await page.screenshot({ path: `test-results/codec-ui-${operator ? 'operator' : 'stranger'}.png`, fullPage: true });
        const text = await page.content();
        await context.close();
        return text;
      };
      expect(await inputText(true)).toContain(CARD);
      expect(await inputText(false)).not.toContain(CARD);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
