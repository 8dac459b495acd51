import { describe, expect, it } from 'vitest';
import { embedEventSchema } from './embed-events';
import { embedCommandSchema, parseAllowedOrigins, parseEmbedOptions } from './embed-protocol';

describe('widget options from the frame query', () => {
  it('reads every option', () => {
    const options = parseEmbedOptions(
      new URLSearchParams(
        'parent=https://shop.example&aspect=9:16&placeholder=Your promo&theme=light&accent=%23ff5a36&lang=zh&layout=full',
      ),
    );
    expect(options).toEqual({
      parent: 'https://shop.example',
      aspect: '9:16',
      placeholder: 'Your promo',
      theme: 'light',
      accent: '#ff5a36',
      lang: 'zh',
      layout: 'full',
    });
  });

  it('falls back to the defaults on missing or bad values (an accent cannot inject CSS)', () => {
    const options = parseEmbedOptions(
      new URLSearchParams('aspect=4:3&theme=neon&accent=red;background:url(x)&lang=fr&layout=huge'),
    );
    expect(options).toEqual({
      parent: '',
      aspect: null,
      placeholder: null,
      theme: 'dark',
      accent: null,
      lang: 'en',
      layout: 'compact',
    });
  });
});

describe('postMessage commands and events', () => {
  it('accepts prompt and export commands, and nothing else', () => {
    expect(embedCommandSchema.parse({ type: 'prompt', text: '  a promo  ' })).toEqual({
      type: 'prompt',
      text: 'a promo',
    });
    expect(embedCommandSchema.parse({ type: 'export' })).toEqual({ type: 'export' });
    for (const bad of [
      null,
      'prompt',
      { type: 'prompt' },
      { type: 'prompt', text: '   ' },
      { type: 'prompt', text: 42 },
      { type: 'delete' },
    ]) {
      expect(embedCommandSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('requires the reelwright tag and an absolute download URL on events', () => {
    const completed = {
      type: 'render-completed',
      renderId: 'r1',
      downloadUrl: 'https://app.example/api/renders/r1/file?visitor=t',
      sizeBytes: 10,
    };
    expect(embedEventSchema.safeParse({ source: 'reelwright', ...completed }).success).toBe(true);
    expect(embedEventSchema.safeParse(completed).success).toBe(false);
    expect(
      embedEventSchema.safeParse({
        source: 'reelwright',
        ...completed,
        downloadUrl: '/api/renders/r1/file',
      }).success,
    ).toBe(false);
  });
});

describe('EMBED_ALLOWED_ORIGINS', () => {
  it('keeps exact origins, separated by spaces or commas, without duplicates', () => {
    expect(
      parseAllowedOrigins('https://a.example,https://a.example  http://localhost:8788'),
    ).toEqual(['https://a.example', 'http://localhost:8788']);
  });

  it('drops wildcards, paths and other schemes', () => {
    expect(
      parseAllowedOrigins('* https://*.example https://a.example/embed javascript:alert(1)'),
    ).toEqual([]);
  });
});
