// Unpacked beside the runtime by the standalone binary and required by its main script
// (runtime/host/sea-main.ts): a module on disk may import() the ES module bundles, a SEA main may not.
// It does what bin/llmspell.js does for the npm package, or starts an engine process.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: the SEA main script can only require() */
const path = require('node:path');
const { pathToFileURL } = require('node:url');

module.exports = async function launch(dir, role, args) {
  const dist = path.join(dir, 'dist');
  const load = (name) => import(pathToFileURL(path.join(dist, name)).href);
  if (role === 'engine') {
    // The engine finds its Tengo worker beside its own script, as under plain Node.
    process.argv[1] = path.join(dist, 'engine-process.cjs');
    require(process.argv[1]);
    return;
  }
  process.argv[1] = path.join(dist, 'cli.js');
  const prestarted = [];
  if (args[0] === 'run') prestarted.push(require(path.join(dist, 'prestart.cjs')).prestartEngine());
  const { main } = await load('cli.js');
  process.exitCode = await main(args, undefined, { prestarted });
};
