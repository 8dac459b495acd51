/**
 * Titles come from the subject of the request, never from the words about its music, style,
 * format or pace.
 */
import { describe, expect, it } from 'vitest';
import { planStoryboard } from '../../../test/support/director-from-text';

const PROMPTS: ReadonlyArray<[string, string]> = [
  ['generate a 20-second video about coffee with upbeat music in vertical format', 'Coffee'],
  ['make a 30 second video about dog grooming with calm background music', 'Dog Grooming'],
  [
    'create a square video about healthy breakfast, minimalist style, no music',
    'Healthy Breakfast',
  ],
  ['make an energetic 15s vertical TikTok about morning yoga with lofi music', 'Morning Yoga'],
  [
    'generate a landscape 16:9 video about electric cars in a modern style with upbeat music',
    'Electric Cars',
  ],
  [
    'produce a 1-minute explainer about solar panels in a blue theme with slow pace',
    'Solar Panels',
  ],
  ['生成一个20秒关于咖啡的竖屏视频，配欢快的音乐', '咖啡'],
  ['制作一个30秒的视频，主题是狗狗美容，配轻松的背景音乐', '狗狗美容'],
  ['做一个关于健康早餐的方形视频，简约风格，不要音乐', '健康早餐'],
  ['生成一个15秒竖屏抖音视频，介绍晨间瑜伽，配动感音乐', '晨间瑜伽'],
  ['帮我做一个横屏视频，讲电动汽车，现代风格，节奏快一点', '电动汽车'],
  ['制作一段一分钟的太阳能板讲解视频，蓝色主题', '太阳能板'],
];

describe('the title is the subject of the request', () => {
  it('has at least 10 prompts, half of them Chinese', () => {
    expect(PROMPTS.length).toBeGreaterThanOrEqual(10);
    expect(PROMPTS.filter(([prompt]) => /\p{Script=Han}/u.test(prompt)).length * 2).toBe(
      PROMPTS.length,
    );
  });

  it.each(PROMPTS)('%s → %s', (prompt, title) => {
    expect(planStoryboard(prompt).title).toBe(title);
  });
});
