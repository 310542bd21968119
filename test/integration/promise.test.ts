import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace();
afterAll(() => ws.cleanup());

async function lua(code: string) {
  const file = ws.write(`p-${Math.random().toString(36).slice(2)}.lua`, code);
  return runCli(['run', file], { env: { MOCK_LLM: 'true' } });
}

describe('promise and async', () => {
  it('settles, chains, catches and reports state', async () => {
    const result = await lua(`
      local p = promise.resolve(1)
      print(p.state, p:await())
      local r = promise.reject("nope")
      print(r.state, r:await())
      print(promise.new(function(res) res(2) end):next(function(v) return v * 10 end):await())
      print(promise.new(function() error("boom", 0) end):catch(function(e) return "caught " .. e end):await())
      print(promise.reject("x"):next(function() return "skipped" end):await())
      local order = {}
      promise.resolve(1):finally(function() order[#order + 1] = "finally" end):await()
      print(order[1])
      local pending = promise.new(function() end)
      print(pending.state, pending:await(0.05))
    `);
    expect(result.stdout.split('\n')).toEqual([
      'resolved\t1',
      'rejected\tnil\tnope',
      '20',
      'caught boom',
      'nil\tx',
      'finally',
      'pending\tnil\ttimeout',
      '',
    ]);
  });

  it('combines with all, race and await_all, and runs promise.async concurrently', async () => {
    const result = await lua(`
      local all = promise.all({ promise.resolve(1), 2, promise.async(function() return 3 end) }):await()
      print(#all, all[1], all[2], all[3])
      print(promise.all({ promise.resolve(1), promise.reject("bad") }):await())
      local fast = promise.async(function() async.sleep(0.01) return "fast" end)
      local slow = promise.async(function() async.sleep(0.5) return "slow" end)
      print(promise.race({ slow, fast }):await())
      print(promise.await_all({ promise.async(function() async.sleep(2) end) }, 0.05))
      local a = promise.async(function(x, y) return x + y end, 2, 3)
      print(a:await())
      print(promise.async(function() error("inside", 0) end):await())
    `);
    expect(result.stdout.split('\n')).toEqual(['3\t1\t2\t3', 'nil\tbad', 'fast', 'nil\ttimeout', '5', 'nil\tinside', '']);
  });

  it('adopts promises returned from handlers and refuses self-resolution', async () => {
    const result = await lua(`
      print(promise.resolve(1):next(function() return promise.async(function() return "adopted" end) end):await())
      local resolve
      local p = promise.new(function(res) resolve = res end)
      resolve(p)
      print(p:await())
    `);
    expect(result.stdout).toBe('adopted\nnil\ta promise cannot resolve to itself\n');
  });

  it('reports a spell that waits for a promise nobody settles', async () => {
    const result = await lua('promise.new(function() end):await()\nprint("never")');
    expect(result.stderr).toContain('the spell waits for something that can never happen');
    expect(result.code).toBe(1);
  });

  it('lets async callbacks finish after the main chunk ends', async () => {
    const result = await lua('llm.chat_async("late", function(v) print("callback", v) end)\nprint("main done")');
    expect(result.stdout).toBe("main done\ncallback\t[Mock LLM Response] I received your prompt: 'late'\n");
  });

  it('fails the run when a callback raises', async () => {
    const result = await lua('llm.chat_async("x", function() error("callback broke") end)');
    expect(result.stderr).toContain('callback broke');
    expect(result.code).toBe(1);
  });

  it('caps the tasks running at once (issue 12): past 1000 promise.async fails clearly, and frees up as tasks end', async () => {
    const result = await lua(`
local started, all = 0, {}
local ok, err = pcall(function()
  for i = 1, 3000 do
    all[#all + 1] = promise.async(function() async.sleep(0.05) end)
    started = started + 1
  end
end)
print(started, ok, err)
promise.all(all):await()
print(promise.async(function() return "again" end):await())
`);
    expect(result.stdout).toMatch(/^999\tfalse\tp-\w+\.lua:5: promise\.async: 1000 tasks are running, the limit is 1000; await some before starting more\nagain\n$/);
    expect(result.code).toBe(0);
  });
});
