import type { z } from 'zod';
import type { STUDIO_METHODS, StudioMethod, StudioOutput } from '../contract/studio-api';

/** A method's input after its zod schema parsed it (defaults applied, unknown keys dropped). */
export type StudioParams<M extends StudioMethod> = z.output<(typeof STUDIO_METHODS)[M]['input']>;

/** The implementation of one Studio API method. */
export type StudioHandler<M extends StudioMethod> = (input: StudioParams<M>) => Promise<StudioOutput<M>> | StudioOutput<M>;

/** One implementation per contract method: the compiler refuses a missing or misspelt one. */
export type StudioHandlers = { [M in StudioMethod]: StudioHandler<M> };

/** The handlers of some methods (one service's share). */
export type HandlersFor<M extends StudioMethod> = Pick<StudioHandlers, M>;
