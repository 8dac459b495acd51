/**
 * @module engine
 * The one interface both engines implement. An engine turns a chat message into
 * {@link EngineEvent}s (text, status, a new draft) and says where exports are rendered.
 * The Worker picks one by the `ENGINE` variable ({@link selectEngine}); the SPA cannot tell
 * them apart because the session room turns engine events into the shared SSE protocol.
 */
import type { Batch } from '../../shared/batch-schema';
import type { BrandKit } from '../../shared/brand-kit-schema';
import type { Draft } from '../../shared/draft-schema';
import type { ChatMessage } from '../../shared/api-schema';
import type { SuggestedAction } from '../../shared/events-schema';
import type { MediaSummary } from '../../shared/media-schema';

/** What a chat turn gets: the visitor's text, the current draft (null before the first) and history. */
export interface ChatTurnInput {
  text: string;
  draft: Draft | null;
  /** Earlier messages of the session, oldest first (the new one is not included). */
  history: ChatMessage[];
  /** Previous draft versions, newest first, for "undo" (may be empty). */
  previousDrafts: Draft[];
  /** The session's ready uploads, oldest first (absent or empty: no media). */
  media?: MediaSummary[];
  /**
   * Set only for an engine with {@link Engine.checksMedia}: the session's ready uploads as
   * being listed now, while `media` is the list the session's previous turn saw. The engine may
   * start from `media`, but emits nothing before this resolves, and runs from this list instead
   * when the two differ.
   */
  mediaNow?: Promise<MediaSummary[]>;
  /** The session's current batch (one video per upload), or null/absent when there is none. */
  batch?: Batch | null;
  /** Earlier batch versions, newest first, for "undo" while a batch is current (may be empty). */
  previousBatches?: Batch[];
  /** The visitor's brand kit, applied to new videos (absent: none; the engine loads it by its port). */
  brandKit?: BrandKit;
}

/**
 * Port to the visitor's brand kit (kept in their `VisitorAccount`; durable-stubs.ts adapts it):
 * read at the start of a turn, saved when the turn changed it ("use my brand colours …").
 */
export interface BrandKitStore {
  load(): Promise<BrandKit>;
  save(kit: BrandKit): Promise<void>;
}

/** What an engine emits during a turn, in order. */
export type EngineEvent =
  | { type: 'status'; message: string }
  | { type: 'text-delta'; delta: string }
  /** The whole reply; replaces the deltas. Exactly one per turn that answers in words. */
  | { type: 'text'; text: string }
  /** A new draft. `undo: true` means "go back to the previous version" (draft is that version). */
  | { type: 'draft'; draft: Draft; undo?: boolean }
  /**
   * A new batch (one video per upload), or `batch: null` to go back to one video. `undo: true`
   * means "back to the previous batch version" (batch is that version).
   */
  | { type: 'batch'; batch: Batch | null; undo?: boolean }
  | { type: 'actions'; actions: SuggestedAction[] }
  | { type: 'error'; code: string; message: string };

/** An engine: turns chat turns into events and says where its exports are rendered (see the module doc). */
export interface Engine {
  readonly name: 'embedded' | 'nemo';
  /** Where an export's frames are made: the visitor's browser, or the remote API. */
  readonly renderer: 'browser' | 'remote';
  /**
   * True when the engine may start a turn from the previous turn's uploads and check them
   * against {@link ChatTurnInput.mediaNow} (the language-model director: its model request starts
   * while R2 lists the uploads, not after). Absent: `media` is always the list as it is now.
   */
  readonly checksMedia?: boolean;
  /**
   * Runs one chat turn. Never throws for bad input: a request it cannot do is answered with
   * a `text` event saying what it can do. Throws only for its own faults.
   */
  chat(input: ChatTurnInput): AsyncIterable<EngineEvent>;
}
