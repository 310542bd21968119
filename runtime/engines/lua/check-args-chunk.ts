import { argSpecs } from '../arg-specs';
import { toLuaLiteral } from './to-lua';

/**
 * The Lua chunk that installs the argument checks of every Lua bridge function, derived from the
 * description (see toLuaLiteral for why source). The build turns it into bytecode with the prelude
 * (scripts/lua-bytecode.mjs): made and parsed at each engine start it cost ≈ 12 ms of the boot.
 */
export function checkArgsChunk(): string {
  return `__llmspell_check_args(${toLuaLiteral(argSpecs('lua'))})`;
}
