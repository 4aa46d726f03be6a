// `lorelab serve`: the explorer over node:http. Read-only: one read-only connection, GET and
// HEAD only. Every page is sent with a Content-Security-Policy that allows no script at all.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DB } from '../store/open.js';
import { route, type Reply } from './routes.js';
import { errorPage } from './pages/home.js';

const TYPES: Record<Reply['type'], string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** No script, no frames, no outside loads; styles only from /static (or inline on the history page). */
export function contentSecurityPolicy(inlineStyle: boolean): string {
  return [
    "default-src 'none'", `style-src ${inlineStyle ? "'unsafe-inline'" : "'self'"}`, "img-src 'self' data:",
    "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'none'",
  ].join('; ');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export interface Explorer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export function startExplorer(db: DB, options: { port?: number; host?: string; onError?: (error: Error) => void } = {}): Promise<Explorer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    const send = (reply: Reply) => {
      response.writeHead(reply.status, {
        'content-type': TYPES[reply.type],
        'content-security-policy': contentSecurityPolicy(reply.inlineStyle ?? false),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : reply.body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' });
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://explorer.invalid');
    route(db, url).then(send, (error: Error) => {
      options.onError?.(error);
      send({ status: 500, type: 'html', body: errorPage(error.message) });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        server,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
