import * as z from 'zod/mini';

/**
 * (zod/mini: the same checks at a fraction of the size, as this module is also bundled into the
 * webview script.)
 *
 * Every message between a webview and the extension host, checked with zod on both sides: a
 * webview's content is untrusted (it renders model output), so the host acts only on messages
 * that parse, and the webview only renders what parses.
 */

const Id = z
  .string()
  .check(z.minLength(1), z.maxLength(200), z.regex(/^[A-Za-z0-9_:.-]+$/, 'must be an id'));

/** A blind round's vote: a position, a tie, or both (all) bad (the arena's choices). */
export const ArenaChoice = z.enum(['A', 'B', 'C', 'D', 'tie', 'both_bad']);
export type ArenaChoice = z.infer<typeof ArenaChoice>;

/** From a webview to the extension. */
export const FromWebview = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** Save the result into the workspace, insert its reference, mark it kept. */
  z.strictObject({ type: z.literal('keep'), id: Id }),
  /** Insert a reference to a history item (saving its file first). */
  z.strictObject({ type: z.literal('insert'), id: Id }),
  /** Open an item (a history generation's image, a model page). */
  z.strictObject({ type: z.literal('open'), id: Id }),
  /** Compare: run the compared models on a prompt. */
  z.strictObject({ type: z.literal('runThese') }),
  /** Blind round: the vote on the outputs shown. */
  z.strictObject({ type: z.literal('vote'), choice: ArenaChoice }),
  /** Cancel the open jobs of the panel. */
  z.strictObject({ type: z.literal('cancel') }),
  z.strictObject({ type: z.literal('search'), query: z.string().check(z.maxLength(1000)) }),
]);
export type FromWebview = z.infer<typeof FromWebview>;

/** From the extension to a webview: HTML built and escaped by the host (views/*.ts). */
export const ToWebview = z.discriminatedUnion('type', [
  /** Replace the whole body. */
  z.strictObject({ type: z.literal('render'), html: z.string() }),
  /** Replace one element, found by its data-id. */
  z.strictObject({ type: z.literal('patch'), id: Id, html: z.string() }),
  /** A short status line at the top ("Saved assets/generated/…"). */
  z.strictObject({ type: z.literal('status'), text: z.string().check(z.maxLength(2000)) }),
]);
export type ToWebview = z.infer<typeof ToWebview>;

export function parseFromWebview(data: unknown): FromWebview | undefined {
  const parsed = FromWebview.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
