import { describe, expect, it } from 'vitest';
import { NARRATION_VOICES } from '../../../shared/narration-schema';
import { neuralVoiceFor, readTtsConfig } from './tts-config';

const BASE = {
  TTS_BASE_URL: 'http://127.0.0.1:8880/v1',
  TTS_MODEL: 'kokoro',
  TTS_VOICE: 'af_heart',
};

function voicesFor(TTS_VOICES: string): Record<string, string> {
  const config = readTtsConfig({ ...BASE, TTS_VOICES });
  if (config === null) throw new Error('configured');
  return Object.fromEntries(
    NARRATION_VOICES.map((voice) => [voice, neuralVoiceFor(config, voice)]),
  );
}

describe('TTS_VOICES', () => {
  it('picks the most specific entry for each narration voice, else TTS_VOICE', () => {
    expect(voicesFor('female=nova, male=onyx,en-GB-female=bf_emma,zh=zf_xiaobei')).toEqual({
      'en-us-female': 'nova',
      'en-us-male': 'onyx',
      'en-gb-female': 'bf_emma',
      'en-gb-male': 'onyx',
      'zh-female': 'zf_xiaobei',
      'zh-male': 'zf_xiaobei',
    });
    expect(voicesFor('EN-gb=bm_george,zh-male=zm_yunxi,en-female=af_bella')).toEqual({
      'en-us-female': 'af_bella',
      'en-us-male': 'af_heart',
      'en-gb-female': 'bm_george',
      'en-gb-male': 'bm_george',
      'zh-female': 'af_heart',
      'zh-male': 'zm_yunxi',
    });
  });

  it('leaves every voice to TTS_VOICE when unset or blank, and without a narration voice', () => {
    const config = readTtsConfig(BASE);
    if (config === null) throw new Error('configured');
    expect(config.voices).toEqual({});
    expect(neuralVoiceFor(config)).toBe('af_heart');
    expect(Object.values(voicesFor(' , '))).toEqual(Array(6).fill('af_heart'));
  });

  it.each([
    ['french=ff_siwis', /\(Invalid option: expected one of "en-us-female"/],
    ['female', /\(Too small: expected array to have >=2 items\)/],
    ['female=nova,female=shimmer', /\(a key is named twice\)/],
    ['male=big voice', /\(a voice name has no spaces\)/],
    ['zh=a=b', /\(Too big: expected array to have <=2 items\)/],
  ])('refuses %s as a deployment mistake, naming the format and the fault', (value, fault) => {
    const read = () => readTtsConfig({ ...BASE, TTS_VOICES: value });
    expect(read).toThrow(
      /^TTS_VOICES must be key=voice entries separated by commas, each key one of/,
    );
    expect(read).toThrow(fault);
  });
});
