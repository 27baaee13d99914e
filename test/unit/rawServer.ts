import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A server on 127.0.0.1 whose every answer is written by `handler` (raw bytes: shapes the stand-in does not script),
 * for the length of `test`, which gets its base URL.
 */
export async function withServer(handler: (res: http.ServerResponse) => void, test: (baseUrl: string) => Promise<void>): Promise<void> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await test(`http://127.0.0.1:${port}/v1`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
