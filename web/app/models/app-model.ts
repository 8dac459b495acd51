/**
 * @module app-model
 * The whole page's state, composed from the feature models, and the actions that span them:
 * loading (credits, then the stored session), sending a message (routed by intent: export,
 * credits, status and upload are answered here; everything else is a streamed chat turn),
 * running a suggested action, starting a new video, and opening a video from the library
 * (chat, draft, a reply still streaming, and the latest render's status all come back).
 *
 * While the session has a batch, the preview and timeline show its selected item's draft (the
 * draft model reads it from the batch model), and "export" (typed, the chip or the button)
 * exports the whole batch as a queue, which a reload or reopening continues.
 */
import { action, createModel } from '@preact/signals';
import type { SuggestedAction } from '../../../shared/events-schema';
import { routeIntent } from '../../../shared/route-intent';
import type { ApiClient } from '../api-client';
import { t } from '../i18n/locale';
import { BatchModel } from './batch-model';
import { ChatModel } from './chat-model';
import { CreditsModel, describeCredits } from './credits-model';
import { DraftModel } from './draft-model';
import { LibraryModel } from './library-model';
import { ApiKeysModel } from './api-keys-model';
import { mediaUrlsFor } from '../media/media-urls';
import { MediaModel } from './media-model';
import { warmNarration } from './narration-warmup';
import { speechRoute } from '../../narration/speech-route';
import { NoticeModel } from './notice-model';
import { PlayerModel } from './player-model';
import { RenderModel } from './render-model';
import { SessionModel } from './session-model';

/** Said when the visitor asks to upload: the file picker opens alongside. */
export const UPLOAD_HINT =
  'Pick your clips, photos and music (MP4, MOV, WebM, JPG, PNG, WebP, MP3, WAV, M4A… up to 500 MB each), or drop them ' +
  'on "Your media". Then say, for example, "combine these clips into a 30-second promo with text overlays, use my music".';

/** Said for "export" or "status" before there is anything to show. */
export const NOTHING_YET =
  'There is no video yet. Describe the one you want, for example "a 30-second explainer about our new app".';

/** The app model: every feature model plus the cross-cutting actions. */
export const AppModel = createModel((api: ApiClient) => {
  const notices = new NoticeModel();
  const session = new SessionModel(api);
  const credits = new CreditsModel(api);
  const render = new RenderModel({ api, credits, notices });
  const batch = new BatchModel({ api, render, credits, notices });
  const draft = new DraftModel(batch.selectedDraft);
  const chat = new ChatModel({ api, session, draft, batch, notices });
  const player = new PlayerModel(
    draft,
    (shown) => {
      const id = session.sessionId.peek();
      return id === null ? null : mediaUrlsFor(shown, id);
    },
    () => {
      const id = session.sessionId.peek();
      return id === null ? null : speechRoute(id);
    },
  );
  warmNarration(draft.draft, session.sessionId);
  const media = new MediaModel({ session, notices });
  const library = new LibraryModel(api);
  const apiKeys = new ApiKeysModel(api);

  /**
   * Loads the balance (this first request also gets the visitor cookie), then restores the
   * stored session. Failures are shown in the banner; never rejects.
   */
  const load = action(async (): Promise<void> => {
    try {
      await credits.refresh();
    } catch (cause) {
      notices.showFailure(cause);
      return;
    }
    await restoreSession();
  });

  /**
   * Restores the current session: messages, draft, media, a turn still running (its reply
   * streams in again), the live stream for turns from other tabs, and the latest render.
   */
  async function restoreSession(): Promise<void> {
    try {
      const state = await session.restore();
      if (state !== null) {
        chat.restore(state.messages);
        draft.restore(state.draft, state.session.version, state.summary);
        batch.restore(state.batch, state.batchVersion);
        void media.refresh();
        if (state.runningTurn !== null) chat.resumeRunningTurn();
        chat.follow(state.session.id);
        // The batch's unfinished jobs continue here; the session's own export is restored otherwise.
        if (state.batch !== null) void batch.resume(state.session.id);
        else await restoreLatestRender(state.session.id);
      }
    } catch (cause) {
      notices.showFailure(cause);
    }
  }

  /**
   * Shows the newest render job of the session's own draft, if any (a failure to list it is not
   * shown: the session works without it).
   */
  async function restoreLatestRender(sessionId: string): Promise<void> {
    try {
      const latest = (await api.listRenders(sessionId)).find((job) => job.batchItemId === null);
      if (latest === undefined) return;
      const info = await api.getRender(latest.id);
      if (session.sessionId.value === sessionId) void render.restore(info);
    } catch {
      // Listing renders is a convenience; the chat and draft are restored without it.
    }
  }

  /** Empties what the page shows of a video (chat, batch, export, preview, draft, media, notices) before another one. */
  function clearShownVideo(): void {
    chat.clear();
    batch.clear();
    render.reset();
    player.pause();
    draft.clear();
    media.reset();
    notices.dismiss();
  }

  /** Opens the visitor's video `sessionId` from the library in place of the current one. */
  const openSession = action(async (sessionId: string): Promise<void> => {
    library.hide();
    if (sessionId === session.sessionId.value) return;
    clearShownVideo();
    session.open(sessionId);
    await restoreSession();
  });

  /**
   * Exports the current draft, or while there is a batch every video of it, one after another
   * (creating no session: without one there is nothing to export).
   */
  const exportVideo = action(async (): Promise<void> => {
    const id = session.sessionId.value;
    if (id === null || !draft.hasDraft.value) {
      notices.showError(NOTHING_YET);
      return;
    }
    notices.dismiss();
    player.pause();
    if (batch.current.value !== null) await batch.exportAll(id);
    else await render.startExport(id);
  });

  /** Stops the batch's export queue (see {@link BatchModel}'s `stop`). */
  const stopBatch = action(async (): Promise<void> => {
    const id = session.sessionId.value;
    if (id !== null) await batch.stop(id);
  });

  /**
   * Sends what the visitor typed. Ignored while a turn runs or when blank. Routed with
   * `routeIntent`: `export` starts the export, `credits`/`status`/`upload` are answered here,
   * `chat` streams a turn from the edge.
   */
  const send = action(async (raw: string): Promise<void> => {
    const text = raw.trim();
    if (text === '' || chat.busy.value) return;
    notices.dismiss();
    chat.addUserMessage(text);
    const { action: intent } = routeIntent(text);
    switch (intent) {
      case 'export':
        if (!draft.hasDraft.value) {
          chat.addLocalReply(NOTHING_YET);
          return;
        }
        if (batch.current.value !== null) {
          chat.addLocalReply(
            t(batch.running.value ? 'batch.exportRunning' : 'batch.exportReply', {
              count: batch.current.value.items.length,
            }),
          );
          await exportVideo();
          return;
        }
        chat.addLocalReply(
          render.busy.value
            ? 'An export is already running; its progress is in the Export panel.'
            : 'Exporting your video as an MP4. Follow the progress in the Export panel; the download link appears there when it is done.',
        );
        await exportVideo();
        return;
      case 'credits':
        return answerCredits();
      case 'status':
        chat.addLocalReply(draft.hasDraft.value ? draft.summary.value : NOTHING_YET);
        return;
      case 'upload':
        chat.addLocalReply(UPLOAD_HINT);
        media.requestPicker();
        return;
      case 'chat':
        return streamChat(text);
    }
  });

  /** Sends the composer's text and empties the composer (kept when nothing can be sent). */
  const submitComposer = action(async (): Promise<void> => {
    const text = chat.composerText.value;
    if (text.trim() === '' || chat.busy.value) return;
    chat.setComposerText('');
    await send(text);
  });

  async function answerCredits(): Promise<void> {
    chat.setBusy(true);
    try {
      chat.addLocalReply(describeCredits(await credits.refresh()));
    } catch (cause) {
      const known = credits.credits.value;
      if (known !== null) chat.addLocalReply(describeCredits(known));
      else notices.showFailure(cause);
    } finally {
      chat.setBusy(false);
    }
  }

  async function streamChat(text: string): Promise<void> {
    chat.setBusy(true);
    let sessionId: string;
    try {
      sessionId = await session.ensure();
    } catch (cause) {
      chat.setBusy(false);
      notices.showFailure(cause);
      return;
    }
    chat.follow(sessionId);
    await chat.streamTurn(sessionId, text);
  }

  /** Runs a suggested-action chip: export, a prompt, upload or undo (sent as a message). */
  const runSuggestion = action(async (suggestion: SuggestedAction): Promise<void> => {
    switch (suggestion.kind) {
      case 'export':
        await exportVideo();
        return;
      case 'prompt':
        await send(suggestion.prompt ?? suggestion.label);
        return;
      case 'undo':
        await send(suggestion.prompt ?? 'undo');
        return;
      case 'upload':
        media.requestPicker();
        return;
    }
  });

  /** Starts over: forgets the session, the conversation, the draft, the batch and the last export. */
  const startNewVideo = action(() => {
    clearShownVideo();
    session.forget();
  });

  return {
    notices,
    session,
    credits,
    draft,
    chat,
    render,
    batch,
    player,
    media,
    library,
    apiKeys,
    load,
    openSession,
    send,
    submitComposer,
    exportVideo,
    stopBatch,
    runSuggestion,
    startNewVideo,
  };
});

export type AppModel = InstanceType<typeof AppModel>;
