/**
 * The local OpenAI-compatible test server in a process of its own, so a benchmark's client and
 * server do not share one event loop (a real provider is another machine). Prints its URL, then
 * follows `latency <ms>` lines on stdin.
 */
import { createInterface } from 'node:readline';
import { startLlmServer } from '../test/helpers/llm-server';

const server = await startLlmServer({ apiKey: 'sk-bench' });
console.log(server.url);
createInterface({ input: process.stdin }).on('line', (line) => {
  const [command, value] = line.trim().split(/\s+/);
  if (command === 'latency') {
    server.setLatency(Number(value));
    console.log(`ok ${value}`);
  }
});
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
