/**
 * @module speech-route
 * Where the page asks the server's neural voice for a session's phrases
 * (`POST /api/sessions/:id/speech`, functions/routes/speech.ts), with the page's extra headers
 * (the widget's token). One place, so the narration said when a draft arrives, the preview and
 * the export ask the same route and share what was said (speech-client.ts).
 */
import { requestHeaders } from '../render/request-headers';
import type { NeuralVoiceRoute } from './neural-voice';

/** The neural voice route of session `sessionId`. */
export function speechRoute(sessionId: string): NeuralVoiceRoute {
  return {
    url: `/api/sessions/${encodeURIComponent(sessionId)}/speech`,
    headers: requestHeaders(),
  };
}
