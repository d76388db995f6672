/** A free TCP port on 127.0.0.1, so concurrent test runs never collide on a fixed port. */
import { createServer } from 'node:net';

/** Bind port 0, read the port the kernel chose, release it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('could not read the bound port');
  return address.port;
}
