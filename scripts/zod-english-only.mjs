// esbuild plugin: zod's classic API (and its core) re-export all of its ≈ 45 locales (`z.locales`), so any
// `import { z } from 'zod'` bundles ≈ 370 KB of error-message translations that V8 must parse on every
// `llmspell run` (half of zod's bundled size). Its messages are English by default, and nothing of
// ours sets another locale: this keeps `z.locales.en` only.
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only', pluginData: args.resolveDir } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';\n",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};
