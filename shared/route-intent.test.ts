import { describe, expect, it } from 'vitest';
import { routeIntent } from './route-intent';

describe('routeIntent', () => {
  it.each([
    ['export', 'export'],
    ['Export it please', 'export'],
    ['download', 'export'],
    ['can I download it now?', 'export'],
    ['send me the video', 'export'],
    ['导出', 'export'],
    ['帮我导出视频', 'export'],
    ['credits', 'credits'],
    ['how many credits do I have left', 'credits'],
    ["what's my balance", 'credits'],
    ['查一下积分', 'credits'],
    ['余额', 'credits'],
    ['status', 'status'],
    ['show tracks', 'status'],
    ['状态', 'status'],
    ['upload', 'upload'],
    ['I want to upload a clip', 'upload'],
    ['上传', 'upload'],
  ])('routes the short command %j to %s', (text, action) => {
    expect(routeIntent(text)).toEqual({ action });
  });

  it('routes a long prompt that merely contains a keyword to chat', () => {
    const prompt =
      'generate a 30-second explainer video from this script: Nimbus keeps every file your team needs in one place. ' +
      'It syncs across laptops and phones and keeps your data safe. Download our app today.';
    expect(routeIntent(prompt)).toEqual({ action: 'chat' });
  });

  it('routes a message starting with the keyword to the action up to 16 words', () => {
    expect(routeIntent('export it now in full HD and send me the link when it is done')).toEqual({
      action: 'export',
    });
    expect(
      routeIntent(
        'export is what I will do later but first please make the title bigger and the music a lot quieter',
      ),
    ).toEqual({ action: 'chat' });
  });

  it('routes edits and generation requests to chat even when short and holding a keyword', () => {
    expect(routeIntent('add text "download now" at 5s')).toEqual({ action: 'chat' });
    expect(routeIntent("the words 'download now' in red")).toEqual({ action: 'chat' });
    expect(routeIntent('make the title say export')).toEqual({ action: 'chat' });
    expect(routeIntent('balance the audio')).toEqual({ action: 'chat' });
    expect(routeIntent('生成一个关于导出的视频')).toEqual({ action: 'chat' });
  });

  it('routes anything without a keyword to chat', () => {
    expect(routeIntent('make it vertical')).toEqual({ action: 'chat' });
    expect(routeIntent('music at 20%')).toEqual({ action: 'chat' });
    expect(routeIntent('   ')).toEqual({ action: 'chat' });
  });

  it('counts CJK characters as half words: a long Chinese prompt goes to chat', () => {
    const prompt =
      '请根据下面的脚本生成一个六十秒的竖屏视频，介绍我们的新应用如何帮助用户学习语言，最后提醒大家现在就去应用商店下载体验';
    expect(routeIntent(prompt)).toEqual({ action: 'chat' });
  });
});
