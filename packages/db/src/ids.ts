import { monotonicFactory } from 'ulid';

/** ULIDs that sort in creation order, even within one millisecond (list cursors rely on it). */
export const newId: () => string = monotonicFactory();
