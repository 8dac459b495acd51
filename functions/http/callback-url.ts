/**
 * @module callback-url
 * Which `callbackUrl` a render-API webhook may go to (docs/http-api.md "Webhooks"): an absolute
 * `https:` URL without user name or password, at most `MAX_CALLBACK_URL_CHARS` long
 * (shared/render-api-schema.ts). `http:` only to `localhost` / `127.0.0.1`, and only while
 * `WEBHOOK_ALLOW_HTTP_LOCALHOST` is set (development and tests): a deployed edge never posts a
 * render's outcome in clear text. An `https:` URL may not name this machine or a private network
 * (no server-side request forgery through a webhook): `localhost` names (RFC 6761 §6.3) and IP
 * literals outside the public unicast ranges (loopback, private, link-local such as the cloud
 * metadata address 169.254.169.254, unique-local, carrier-grade NAT, …; ranges as ipaddr.js
 * classifies them, from the IANA special-purpose registries) are refused. A public name that
 * resolves to a private address cannot be caught here (Workers have no DNS API); on Cloudflare,
 * Workers' `fetch` does not reach private networks anyway.
 */
import ipaddr from 'ipaddr.js';
import { ApiError } from '../middleware/api-error';

const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1']);

/**
 * True when `hostname` (as `URL` normalises it: IPv6 in brackets, IPv4 shorthands expanded)
 * names this machine or a non-public address.
 */
function isPrivateHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const literal = name.startsWith('[') ? name.slice(1, -1) : name;
  if (!ipaddr.isValid(literal)) return false;
  let address = ipaddr.parse(literal);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress())
    address = (address as ipaddr.IPv6).toIPv4Address();
  return address.range() !== 'unicast';
}

/**
 * `value` as the URL webhooks go to.
 * @param allowHttpLocalhost `WEBHOOK_ALLOW_HTTP_LOCALHOST` (set and not blank: allowed)
 * @throws {ApiError} 400 `invalid_callback_url` saying what is wrong
 */
export function checkCallbackUrl(value: string, allowHttpLocalhost: string | undefined): string {
  const refuse = (why: string): ApiError =>
    new ApiError(400, 'invalid_callback_url', `callbackUrl: ${why}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw refuse('not an absolute URL');
  }
  if (url.username !== '' || url.password !== '')
    throw refuse('a user name or password in the URL is not allowed');
  if (url.protocol === 'https:') {
    if (isPrivateHost(url.hostname))
      throw refuse('webhooks are not sent to this machine or a private network address');
    return url.href;
  }
  const localHttp =
    url.protocol === 'http:' &&
    LOCAL_HOSTS.has(url.hostname) &&
    (allowHttpLocalhost ?? '').trim() !== '';
  if (!localHttp) throw refuse('webhooks are sent to https:// URLs only');
  return url.href;
}
