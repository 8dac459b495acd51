/**
 * A limit's refusal is said in the current locale from its code (README "Limits and abuse");
 * any other server error keeps the server's own plain message.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-error';
import { plainError } from './plain-error';

describe('plainError', () => {
  it.each([
    ['too_many_new_visitors', /Too many new visitors/],
    ['session_limit', /sessions as one visitor may/],
    ['upload_quota_exceeded', /uploads \(or as many gigabytes\)/],
    ['export_rate_limited', /exports as one visitor may in an hour/],
    ['remote_export_limit', /exports today/],
  ])('says %s in plain words', (code, expected) => {
    expect(plainError(new ApiError(429, code, 'server words'))).toMatch(expected);
  });

  it('keeps the server message for other codes', () => {
    expect(plainError(new ApiError(402, 'out_of_credits', 'You are out of credits.'))).toBe(
      'You are out of credits.',
    );
  });
});
