/**
 * @module env
 * The Worker's bindings, written by hand (we do not run `wrangler types`: its output clashes
 * with a hand-written `Env`). Every name here matches `wrangler.toml`.
 */
import type { SessionRoom } from './durable/session-room';
import type { RenderJob } from './durable/render-job';
import type { VisitorAccount } from './durable/visitor-account';
import type { NewVisitorLimiter } from './durable/new-visitor-limiter';
import type { RenderQueue } from './durable/render-queue';

/** The Worker's bindings and variables (wrangler.toml), as every handler and Durable Object sees them. */
export interface Env {
  /** One Durable Object per chat session: messages, draft versions, event log. */
  SESSION_ROOM: DurableObjectNamespace<SessionRoom>;
  /** One Durable Object per export: status, progress, credits settlement. */
  RENDER_JOB: DurableObjectNamespace<RenderJob>;
  /** One Durable Object per anonymous visitor: their sessions, renders and credits. */
  VISITOR_ACCOUNT: DurableObjectNamespace<VisitorAccount>;
  /** One Durable Object per client address: the visitors it minted in the last hour (functions/quota/new-visitor-gate.ts). */
  NEW_VISITOR_LIMITER: DurableObjectNamespace<NewVisitorLimiter>;
  /** One Durable Object (`fleet`): the render jobs with work for render workers, and their leases. */
  RENDER_QUEUE: DurableObjectNamespace<RenderQueue>;
  /**
   * Workers Rate Limiting binding (`[[ratelimits]]`): new visitors per client address per minute,
   * a cheap burst shield in front of the hourly count. Its limit lives in wrangler.toml only.
   */
  NEW_VISITOR_BURST: RateLimit;
  /** Uploads, render chunks and finished MP4s (`renders/<id>.mp4`). */
  MEDIA: R2Bucket;
  /** The built SPA (`dist/`). */
  ASSETS: Fetcher;
  /** Which engine answers chat turns: `embedded` (default) or `nemo`. */
  ENGINE: string;
  /**
   * Who directs the embedded engine's turns: `rules` (default, offline) or `llm`, a language
   * model at `LLM_BASE_URL` (functions/engine/llm/llm-config.ts; README "Use your own model").
   */
  DIRECTOR?: string;
  /** llm director: an OpenAI-compatible API's base URL, e.g. `http://localhost:11434/v1` (Ollama). */
  LLM_BASE_URL?: string;
  /** llm director without `LLM_BASE_URL`: the Workers AI binding (`[ai] binding = "AI"`; deployed only). */
  AI?: Ai;
  /** llm director: the model's name at that endpoint, e.g. `qwen2.5:7b`. */
  LLM_MODEL?: string;
  /** llm director (secret, `wrangler secret put LLM_API_KEY`): sent only to `LLM_BASE_URL`. */
  LLM_API_KEY?: string;
  /** llm director: most ms a turn may wait for the model before the rules director answers (default 30 000). */
  LLM_TIMEOUT_MS?: string;
  /** Neural voice, read by engine/narration/tts-config.ts (its `TtsVars` says what each is). */
  TTS_BASE_URL?: string;
  TTS_MODEL?: string;
  TTS_VOICE?: string;
  TTS_VOICES?: string;
  /** Secret (`wrangler secret put TTS_API_KEY`): sent only to `TTS_BASE_URL`. */
  TTS_API_KEY?: string;
  TTS_TIMEOUT_MS?: string;
  TTS_CALLS_PER_VISITOR_PER_HOUR?: string;
  /** nemo engine: the remote API's base URL (default `https://mega-api-prod.nemovideo.ai`). */
  NEMO_API_BASE?: string;
  /** nemo engine (secret): the operator's token; unset means an anonymous token per visitor. */
  NEMO_TOKEN?: string;
  /** nemo engine: attribution headers `X-Skill-Source`, `X-Skill-Version`, `X-Skill-Platform`. */
  NEMO_SKILL_SOURCE?: string;
  NEMO_SKILL_VERSION?: string;
  NEMO_SKILL_PLATFORM?: string;
  /** nemo engine: the language of new upstream sessions (default `en`). */
  NEMO_LANGUAGE?: string;
  /** nemo engine: where anonymous visitors register (`?bind=<client id>` is added). */
  NEMO_REGISTER_URL?: string;
  /** nemo engine timings in ms (defaults in functions/engine/nemo/nemo-config.ts; tests shorten them). */
  NEMO_RATE_LIMIT_WAIT_MS?: string;
  NEMO_STREAM_IDLE_TIMEOUT_MS?: string;
  NEMO_STILL_WORKING_MS?: string;
  NEMO_RENDER_POLL_MS?: string;
  NEMO_RENDER_DEADLINE_MS?: string;
  NEMO_JSON_TIMEOUT_MS?: string;
  /**
   * Most chat turns one isolate streams at once; beyond it a message gets 503 `busy` with
   * `Retry-After` and the SPA sends it again (functions/middleware/turn-gate.ts). Default 150.
   */
  MAX_TURNS_PER_ISOLATE?: string;
  /**
   * Secret (`wrangler secret put VISITOR_SECRET`; `.dev.vars` locally, written by `npm start`):
   * the HMAC key of the `rw_visitor` cookie, the widget token and download links. At least 32
   * characters; while it is missing, short or the public dev value the Worker refuses every
   * request not for localhost (middleware/visitor-secret-guard.ts), so handlers may rely on it.
   */
  VISITOR_SECRET: string;
  /**
   * Origins allowed to frame `/embed` (the widget), separated by spaces or commas, e.g.
   * `https://www.example.com http://localhost:8788`. Empty: no site may embed it.
   */
  EMBED_ALLOWED_ORIGINS?: string;
  /**
   * Limits (README "Limits and abuse"; defaults in functions/quota/quota-config.ts), each a whole
   * number ≥ 1. New visitors one client address (`CF-Connecting-IP`) may mint per hour (default 20).
   */
  NEW_VISITORS_PER_IP_PER_HOUR?: string;
  /** Sessions one visitor may create (default 100). */
  SESSIONS_PER_VISITOR?: string;
  /** Uploads one visitor may hold, started or stored (default 500). */
  UPLOADS_PER_VISITOR?: string;
  /** Bytes of uploads one visitor may hold, as declared at create (default 5 000 000 000). */
  UPLOAD_BYTES_PER_VISITOR?: string;
  /** Exports one visitor may start per hour (default 20). */
  EXPORTS_PER_VISITOR_PER_HOUR?: string;
  /** nemo engine with an operator `NEMO_TOKEN`: remote exports one visitor may start per day (default 10). */
  NEMO_EXPORTS_PER_VISITOR?: string;
  /** Renders one API key may start per hour (default 60; functions/routes/api-renders.ts). */
  API_RENDERS_PER_KEY_PER_HOUR?: string;
  /**
   * Set (to anything but empty) to let `callbackUrl` be `http://localhost` / `http://127.0.0.1`
   * (development and tests); otherwise webhooks go to https only.
   */
  WEBHOOK_ALLOW_HTTP_LOCALHOST?: string;
  /**
   * Secret (`wrangler secret put RENDER_FLEET_KEY`; `.dev.vars` locally): the operator's key of
   * the render workers (`Authorization: Bearer …` on `/api/fleet`, middleware/fleet-key.ts). At
   * least 32 characters; unset or shorter, every fleet route answers 401.
   */
  RENDER_FLEET_KEY?: string;
}

/** Hono's generic parameters for this app: bindings plus per-request variables. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The anonymous visitor's id (a UUID), set by the visitor-cookie middleware. */
    visitorId: string;
    /** The API key the request was authenticated by (middleware/api-key-visitor.ts), if any. */
    apiKeyId?: string;
  };
}
