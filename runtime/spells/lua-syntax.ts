import { LuaFactory } from 'wasmoon';

let factory: LuaFactory | undefined;

/**
 * Compiles Lua source without running it (luaL_loadbuffer only: no statement executes) and returns
 * the syntax error as `file:line: message`, or undefined when it compiles.
 */
export async function checkLuaSyntax(code: string, fileName: string): Promise<string | undefined> {
  factory ??= new LuaFactory();
  // A bare VM with no libraries or bridges: compiling needs none, and the chunk is never called.
  const engine = await factory.createEngine({ openStandardLibs: false, injectObjects: false, enableProxy: false });
  try {
    engine.global.loadString(code, fileName);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/^\[string "[^"]*"\]/, fileName);
  } finally {
    engine.global.close();
  }
}
