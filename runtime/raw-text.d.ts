/** A source file imported as text (`./x.lua?raw`): vite does it natively, scripts/raw-text.mjs for esbuild. */
declare module '*?raw' {
  const text: string;
  export default text;
}
