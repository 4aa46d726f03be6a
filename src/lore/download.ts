// One HTTP download with the limits a thread fetch needs: redirects followed (Node's fetch),
// a byte bound (Content-Length checked first, the body counted as it arrives), a timeout per
// attempt, and retries with doubling backoff when the network or the server fails (5xx, 429).
// A missing resource (404, 410) is not retried. Nothing is kept of a failed attempt.

export type DownloadFailure = 'not-found' | 'too-large' | 'http' | 'network';

export class DownloadError extends Error {
  constructor(message: string, readonly kind: DownloadFailure, readonly url: string, readonly status?: number) {
    super(message);
  }
}

export interface DownloadOptions {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Attempts after the first when the network or the server fails. */
  retries: number;
  /** Wait before the first retry; doubled for each next one. */
  backoffMs: number;
  /** One attempt's limit, in ms. */
  timeoutMs: number;
  /** Bytes received so far (and the total when the server said). */
  onProgress?: (received: number, total: number | null) => void;
  /** A retry is about to happen (after `waitMs`), and why. */
  onRetry?: (attempt: number, waitMs: number, reason: string) => void;
}

export const DOWNLOAD_DEFAULTS: DownloadOptions = { maxBytes: 256 * 1024 * 1024, retries: 3, backoffMs: 1000, timeoutMs: 120_000 };

export async function download(url: string, options: Partial<DownloadOptions> = {}): Promise<{ body: Buffer; finalUrl: string }> {
  const o = { ...DOWNLOAD_DEFAULTS, ...options };
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(url, o);
    } catch (error) {
      const failure = error instanceof DownloadError ? error : new DownloadError(`${url}: ${describe(error)}`, 'network', url);
      const retryable = failure.kind === 'network' || (failure.kind === 'http' && failure.status !== undefined && (failure.status >= 500 || failure.status === 429));
      if (!retryable || attempt >= o.retries) {
        if (retryable && attempt > 0) failure.message = `${failure.message} (gave up after ${attempt + 1} attempts)`;
        throw failure;
      }
      const wait = o.backoffMs * 2 ** attempt;
      o.onRetry?.(attempt + 1, wait, failure.message);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function attemptOnce(url: string, o: DownloadOptions): Promise<{ body: Buffer; finalUrl: string }> {
  const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(o.timeoutMs), headers: { 'user-agent': 'lorelab' } });
  const where = response.url && response.url !== url ? `${url} (redirected to ${response.url})` : url;
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    throw new DownloadError(`${where}: not found (HTTP ${response.status})`, 'not-found', url);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DownloadError(`${where}: HTTP ${response.status} ${response.statusText}`.trim(), 'http', url, response.status);
  }
  const declared = Number(response.headers.get('content-length'));
  const total = Number.isFinite(declared) && declared > 0 ? declared : null;
  if (total !== null && total > o.maxBytes) {
    await response.body?.cancel();
    throw new DownloadError(`${where}: ${total} bytes, more than the ${o.maxBytes} allowed`, 'too-large', url);
  }
  const parts: Buffer[] = [];
  let received = 0;
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > o.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new DownloadError(`${where}: more than the ${o.maxBytes} bytes allowed`, 'too-large', url);
      }
      parts.push(Buffer.from(chunk));
      o.onProgress?.(received, total);
    }
  }
  if (total !== null && received < total) throw new DownloadError(`${where}: the connection closed after ${received} of ${total} bytes`, 'network', url);
  return { body: Buffer.concat(parts), finalUrl: response.url || url };
}

function describe(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'timed out';
  const cause = err?.cause;
  return cause?.code ? `${cause.code}${cause.message ? ` (${cause.message})` : ''}` : err?.message ?? String(error);
}
