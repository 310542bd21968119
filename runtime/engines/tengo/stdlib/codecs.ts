/** The `base64` and `hex` modules (stdlib-base64.md, stdlib-hex.md). */
import { toBytesValue } from '../convert';
import { TError, type ImmutableMap, type Value } from '../values';
import { badArg, fixed, moduleOf, strArg } from './args';

function bytesArg(args: Value[], i: number): Uint8Array {
  const b = toBytesValue(args[i]);
  if (!b) throw badArg(i, 'bytes/string', args[i]);
  return b;
}

type B64 = 'base64' | 'base64url';

function encoder(kind: B64, pad: boolean) {
  return fixed(1, (a) => {
    const s = Buffer.from(bytesArg(a, 0)).toString(kind === 'base64' ? 'base64' : 'base64url');
    if (kind === 'base64url' && pad) return s + '='.repeat((4 - (s.length % 4)) % 4);
    return pad ? s : s.replace(/=+$/, '');
  });
}

/** Strict decoding like Go's: a bad alphabet or padding is an error value. */
function decoder(kind: B64, pad: boolean) {
  const alphabet = kind === 'base64' ? 'A-Za-z0-9+/' : 'A-Za-z0-9_-';
  const re = pad ? new RegExp(`^(?:[${alphabet}]{4})*(?:[${alphabet}]{2}==|[${alphabet}]{3}=)?$`) : new RegExp(`^[${alphabet}]*$`);
  return fixed(1, (a): Value => {
    const s = strArg(a, 0);
    if (!re.test(s) || (!pad && s.length % 4 === 1)) return new TError(`illegal base64 data at input byte ${firstBad(s, alphabet)}`);
    return new Uint8Array(Buffer.from(s, kind === 'base64' ? 'base64' : 'base64url'));
  });
}

function firstBad(s: string, alphabet: string): number {
  const re = new RegExp(`[^${alphabet}=]`);
  const m = re.exec(s);
  return m ? m.index : s.length;
}

export function base64Module(): ImmutableMap {
  return moduleOf({
    encode: encoder('base64', true),
    decode: decoder('base64', true),
    raw_encode: encoder('base64', false),
    raw_decode: decoder('base64', false),
    url_encode: encoder('base64url', true),
    url_decode: decoder('base64url', true),
    raw_url_encode: encoder('base64url', false),
    raw_url_decode: decoder('base64url', false),
  });
}

export function hexModule(): ImmutableMap {
  return moduleOf({
    encode: fixed(1, (a) => Buffer.from(bytesArg(a, 0)).toString('hex')),
    decode: fixed(1, (a): Value => {
      const s = strArg(a, 0);
      const bad = /[^0-9a-fA-F]/.exec(s);
      if (bad) return new TError(`encoding/hex: invalid byte: U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${bad[0]}'`);
      if (s.length % 2 === 1) return new TError('encoding/hex: odd length hex string');
      return new Uint8Array(Buffer.from(s, 'hex'));
    }),
  });
}
