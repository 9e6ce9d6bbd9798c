/** The core's execution state (plain JSON; the header fields are the public contract). */
export type { ExecutionState } from '@ordo/core';
