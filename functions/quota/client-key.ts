/**
 * @module client-key
 * The key new visitors are counted under for one client address (new-visitor-gate.ts). An IPv4
 * address is its own key; an IPv6 address counts by its /64 prefix, because one host or home
 * network is handed a whole /64 (RFC 4291 §2.5.4, RFC 6177) and could otherwise mint visitors
 * from 2^64 addresses, each with a fresh allowance.
 */

/** IPv6 groups in a /64 prefix (4 × 16 bits). */
const PREFIX_GROUPS = 4;
/** Groups in a full IPv6 address. */
const ALL_GROUPS = 8;

/**
 * The counting key of `address` (as `CF-Connecting-IP` gives it): IPv4 (and IPv4-mapped IPv6)
 * unchanged, other IPv6 as `<first 4 groups, lower case, no leading zeros>::/64`.
 * Anything that is not an IPv6 address is returned unchanged.
 *
 * @example clientKey('2001:db8:0:1:aaaa::2') // '2001:db8:0:1::/64'
 */
export function clientKey(address: string): string {
  if (!address.includes(':') || /^::ffff:\d/i.test(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? left
      : [
          ...left,
          ...Array<string>(Math.max(0, ALL_GROUPS - left.length - right.length)).fill('0'),
          ...right,
        ];
  if (groups.length !== ALL_GROUPS || groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group)))
    return address;
  return `${groups
    .slice(0, PREFIX_GROUPS)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
