/**
 * @module ajv-unavailable
 * Stands in for `ajv` and `ajv-formats` in the deployed Worker (wrangler.toml `[alias]`). The MCP
 * SDK imports them for its default JSON-schema validator, which compiles schemas with `eval`,
 * which Workers forbid; `/mcp` always passes the cfworker validator instead (mcp-server.ts), so
 * they are never run. Aliased away they leave ~290 KiB (ajv, fast-uri, ajv-formats) out of
 * the bundle. Used anyway, it fails loudly rather than silently validating nothing.
 */

/** Thrown when anything constructs or calls the stand-in. */
class AjvUnavailableError extends Error {
  override readonly name = 'AjvUnavailableError';
  constructor() {
    super('ajv is not bundled in this Worker: pass the cfworker JSON-schema validator instead');
  }
}

/** The stand-in for `new Ajv(...)`. */
export default class AjvUnavailable {
  constructor() {
    throw new AjvUnavailableError();
  }
}

/** The stand-in for `ajv-formats`' `addFormats(ajv)`. */
export function addFormats(): never {
  throw new AjvUnavailableError();
}
