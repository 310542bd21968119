import pkg from '../../package.json' with { type: 'json' };

/**
 * The commit the bundle was built from, written in by scripts/build-runtime.mjs (esbuild `define`)
 * when dist/ is built — by `npm install`, `npm pack` or `npm run dist:cli` — so an installed package
 * or a standalone binary without a .git folder still knows it. Sources run directly (tests) say `dev`.
 */
declare const __LLMSPELL_COMMIT__: string | undefined;

/** The version printed by `llmspell --version`. */
export const VERSION: string = pkg.version;

/** Short commit id, with `-dirty` when the working tree had changes at build time. */
export const COMMIT: string = typeof __LLMSPELL_COMMIT__ === 'string' ? __LLMSPELL_COMMIT__ : 'dev';

/** `0.1.0 (commit 1a2b3c4d5e6f)`. */
export const VERSION_LINE = `${VERSION} (commit ${COMMIT})`;
