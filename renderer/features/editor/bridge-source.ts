/**
 * Where the editor's bridge knowledge comes from: the bridge API description in the contract.
 * Completions, signature help and hover docs read it only through this module.
 */
export { BRIDGE_API, classesFor, inLanguage, modulesFor, paramName, tengoType, viewFunction } from '../../../runtime/contract/bridge-api';
export type { ApiParam, ApiType, BridgeApi, FunctionView, Language } from '../../../runtime/contract/bridge-api';
