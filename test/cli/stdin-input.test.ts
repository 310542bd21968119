import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hasStdin, stdinInput } from '../../runtime/cli/stdin-input';

describe('the CLI standard input of a run', () => {
  it('makes the stream only when a spell reads', async () => {
    const stream = new PassThrough();
    let made = 0;
    const input = stdinInput(() => {
      made++;
      return stream;
    });
    expect(made).toBe(0);
    const line = input.readLine(new AbortController().signal);
    stream.end('Ada\n');
    expect(await line).toBe('Ada');
    expect(made).toBe(1);
    input.close();
    // a run that never read never makes it
    stdinInput(() => {
      made++;
      return stream;
    }).close();
    expect(made).toBe(1);
  });

  it('knows whether a context has one without reading a getter', () => {
    let read = false;
    const lazy = {
      get stdin() {
        read = true;
        return new PassThrough();
      },
    };
    expect(hasStdin(lazy)).toBe(true);
    expect(read).toBe(false);
    expect(hasStdin({ stdin: new PassThrough() })).toBe(true);
    expect(hasStdin({ stdin: undefined })).toBe(false);
    expect(hasStdin({})).toBe(false);
  });
});
