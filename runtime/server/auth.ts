import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh per-launch token: 32 random bytes, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Who may talk to the studio server: a request must carry the launch token (in the `token` query
 * parameter or our cookie), name our own host (DNS-rebinding defence), and a WebSocket upgrade must
 * come from a page of our own origin (cross-site WebSocket hijacking defence).
 */
export class Gate {
  /** The cookie holding the token; the port is in its name because cookies ignore ports. */
  readonly cookieName: string;
  private readonly digest: Buffer;
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(
    private readonly token: string,
    readonly port: number,
  ) {
    this.cookieName = `llmspell_studio_${port}`;
    this.digest = sha256(token);
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.origins = new Set([...this.hosts].map((host) => `http://${host}`));
  }

  /** True when the request carries the token in its query or our cookie. */
  hasToken(req: IncomingMessage): boolean {
    const query = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
    return [query, this.cookieToken(req)].some((candidate) => candidate != null && this.matches(candidate));
  }

  /** True when the Host header names this server (a rebound DNS name is refused). */
  hostAllowed(req: IncomingMessage): boolean {
    return this.hosts.has(req.headers.host ?? '');
  }

  /** True when the Origin header is our own page's origin; a missing Origin is refused too. */
  originAllowed(req: IncomingMessage): boolean {
    return this.origins.has(req.headers.origin ?? '');
  }

  /** The Set-Cookie value that lets the page's later requests (assets, workers, the socket) in. */
  cookie(): string {
    // Why HttpOnly: page scripts never read the token from the cookie; SameSite=Strict: no other site's request carries it.
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private cookieToken(req: IncomingMessage): string | undefined {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === this.cookieName) return part.slice(eq + 1).trim();
    }
    return undefined;
  }

  private matches(candidate: string): boolean {
    // Why hash then timingSafeEqual: the comparison takes the same time whatever the guess (no timing oracle).
    return timingSafeEqual(sha256(candidate), this.digest);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
