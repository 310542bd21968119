// What the prelude's parts see besides each other (they are scripts sharing one scope; this file only
// types them for tsc checkJs, it is not bundled): the two parameters of the function they run in,
// see index.ts and host-functions.ts.

/** The engine's functions, strings and numbers in and out (host-functions.ts). */
declare const host: {
  write(stream: 'stdout' | 'stderr', text: string): void;
  call(method: string, argsJson: string): number;
  cancel(id: number): void;
  now(): number;
  log(level: string, message: string, fieldsJson: string): void;
  notify(name: string, dataJson: string): void;
  jsonError(text: string): string;
};

/** The argument checks of every bridge function, as JSON (engines/arg-specs.ts). */
declare const specsJson: string;

/** The built-in agents' definitions, as JSON (runtime/agents/builtin-agents.ts). */
declare const agentsJson: string;
