import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cassette } from '../../../runtime/llm/cassette/cassette';
import { MockProvider } from '../../../runtime/llm/mock-provider';
import { tempWorkspace } from '../../helpers/cli';

const ws = tempWorkspace('llmspell-cassette-bound-');
afterAll(() => ws.cleanup());

const ask = (content: string) => ({ messages: [{ role: 'user' as const, content }] });

describe('a recording with a size cap', () => {
  it('keeps and replays exchanges within the cap', async () => {
    const file = path.join(ws.dir, 'small.json');
    const recording = Cassette.record(file, { maxBytes: 100_000 });
    const provider = recording.wrap(new MockProvider());
    const answer = await provider.chat(ask('hello'));
    await recording.save();
    expect(recording.size).toBe(1);
    expect(recording.overflowed).toBe(false);
    expect(await Cassette.replay(file).wrap(new MockProvider()).chat(ask('hello'))).toEqual(answer);
  });

  it('drops the whole recording past the cap and writes nothing', async () => {
    const file = path.join(ws.dir, 'big.json');
    const recording = Cassette.record(file, { maxBytes: 600 });
    const provider = recording.wrap(new MockProvider());
    for (let i = 0; i < 5; i++) await provider.chat(ask(`question ${i} ${'x'.repeat(100)}`));
    await recording.save();
    expect(recording.overflowed).toBe(true);
    expect(recording.size).toBe(0);
    expect(existsSync(file)).toBe(false);
  });
});
