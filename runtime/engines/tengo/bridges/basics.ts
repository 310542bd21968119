/** `storage`, `http`, `mcp`, `log` and `io` for Tengo: thin faces over host calls, where policy is enforced. */
import { encodeJson } from '../stdlib/json';
import { toText } from '../to-string';
import { mapEntries, TError, type ImmutableMap, type Value } from '../values';
import { runtimeError } from '../errors';
import { toJs } from '../interop';
import type { Kit } from './kit';

export function storageModule(kit: Kit): ImmutableMap {
  const memory = new Map<string, Value>();
  return kit.module('storage', {
    read: ([path]) => kit.call('storage.read', path),
    write: ([path, content]) => kit.call('storage.write', path, content),
    exists: ([path]) => kit.call('storage.exists', path),
    delete: ([path]) => kit.call('storage.delete', path),
    remove: ([path]) => kit.call('storage.delete', path),
    list: ([pattern]) => kit.call('storage.list', pattern),
    get: ([key]) => memory.get(String(key)),
    set: ([key, value]) => {
      memory.set(String(key), value);
      return true;
    },
  });
}

export function httpModule(kit: Kit): ImmutableMap {
  return kit.module('http', {
    get: ([url]) => kit.call('http.get', url),
    post: ([url, body, type]) => {
      if (body !== undefined && typeof body !== 'string') return kit.call('http.post', url, encodeJson(body), type ?? 'application/json');
      return kit.call('http.post', url, body, type);
    },
    request: ([req]) => kit.call('http.request', req),
  });
}

/** `mcp`: resources and prompts of the host's MCP servers (their tools come through `tools`). */
export function mcpModule(kit: Kit): ImmutableMap {
  return kit.module('mcp', {
    servers: () => kit.call('mcp.servers'),
    resources: ([server]) => kit.call('mcp.resources', server),
    read: ([server, uri]) => kit.call('mcp.read', server, uri),
    prompt: ([server, name, args]) => kit.call('mcp.prompt', server, name, args ?? new Map<string, Value>()),
  });
}

export function logModule(kit: Kit): ImmutableMap {
  /** `log.info(msg, {k: v})` or `log.info(msg, "k1", v1, ...)`: pairs keep their order. */
  const fields = (rest: Value[]): string => {
    try {
      if (rest.length === 1 && mapEntries(rest[0])) return JSON.stringify(toJs(rest[0]));
      const pairs: [string, unknown][] = [];
      for (let i = 0; i < rest.length; i += 2) pairs.push([toText(rest[i]), toJs(rest[i + 1])]);
      return JSON.stringify(pairs);
    } catch {
      return '{}';
    }
  };
  const logger = (level: string) => (args: Value[]) => {
    kit.host.post({ t: 'log', level, message: toText(args[0]), fieldsJson: fields(args.slice(1)) });
    return undefined;
  };
  return kit.module('log', { debug: logger('debug'), info: logger('info'), warn: logger('warn'), error: logger('error') });
}

export function ioModule(kit: Kit): ImmutableMap {
  const io: ImmutableMap = kit.module('io', {
    read: ([format = 'l']) => {
      const f = typeof format === 'string' ? format.replace(/^\*/, '') : format;
      if (f !== 'l' && f !== 'L' && f !== 'n' && f !== 'a') throw runtimeError(`io.read: invalid format '${toText(format)}'`);
      const r = kit.call('io.read', f);
      if (r instanceof TError || f !== 'n' || typeof r !== 'string') return r;
      const n = Number(r);
      return Number.isNaN(n) ? undefined : Number.isSafeInteger(n) ? n : r;
    },
    write: (args) => {
      kit.host.post({ t: 'write', text: args.map(toText).join(''), stream: 'stdout' });
      // As in Lua, io.write returns io, so writes can be chained.
      return io;
    },
    // Each write is posted to the host as it is made: nothing waits, so flushing is only chaining.
    flush: () => io,
  });
  return io;
}
