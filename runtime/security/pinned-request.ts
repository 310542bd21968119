/**
 * One HTTP exchange with an address the network policy already checked: the socket connects to that
 * address (a custom `lookup` answers with it, so DNS cannot change between check and connect), the
 * response body is decompressed if needed and capped, and redirects are returned, not followed.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { formatBytes } from './byte-size';
import type { CheckedTarget } from './network-policy';

/** What is sent. Header names are as given; the caller has checked them. */
export interface OutgoingRequest {
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** What came back: the body as text, headers with lowercased names. */
export interface IncomingResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A lookup that always answers with the checked address, in the shape the caller asked for. */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    // `all: true` is used by Node's happy-eyeballs connect; otherwise one address is expected
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

function plainHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Decompresses gzip/deflate/br bodies; the cap applies to the decompressed bytes (no zip bombs). */
function decoded(res: IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) return res;
  res.on('error', (err) => decoder.destroy(err));
  return res.pipe(decoder);
}

/**
 * Sends one request to `target` and reads the response. Rejects with `http: response from '<host>'
 * is over the <cap> limit` past `maxBytes`; aborting `signal` destroys the socket.
 */
export function sendPinned(target: CheckedTarget, out: OutgoingRequest, signal: AbortSignal, maxBytes: number): Promise<IncomingResponse> {
  const { url } = target;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const overCap = () => new Error(`http: response from '${target.host}' is over the ${formatBytes(maxBytes)} limit`);
  return new Promise((resolve, reject) => {
    const req = send(
      {
        hostname: target.host, // the name stays the TLS server name and certificate identity
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: out.method,
        headers: out.body ? { ...out.headers, 'content-length': String(out.body.length) } : out.headers,
        auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
        agent: false, // a fresh connection: a pooled socket to another address is never reused
        lookup: pinnedLookup(target), // connect to the checked address only (no DNS rebinding)
        signal,
      },
      (res) => {
        const headers = plainHeaders(res);
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && headers.location) {
          res.resume(); // a redirect's body is not needed
          resolve({ status, headers, body: '' });
          return;
        }
        // refuse early when the server announces an oversized body
        if (out.method !== 'HEAD' && Number(headers['content-length'] ?? 0) > maxBytes) {
          req.destroy();
          reject(overCap());
          return;
        }
        const chunks: Buffer[] = [];
        let total = 0;
        const stream = decoded(res);
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > maxBytes) {
            req.destroy();
            stream.destroy();
            reject(overCap());
          } else chunks.push(chunk);
        });
        stream.on('end', () => resolve({ status, headers, body: Buffer.concat(chunks).toString('utf8') }));
        stream.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(out.body);
  });
}
