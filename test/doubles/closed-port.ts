/** A URL where nothing listens, for "server down" tests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Binds an ephemeral port on 127.0.0.1, releases it, and returns its URL: connecting gets ECONNREFUSED. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return `http://127.0.0.1:${port}`;
}
