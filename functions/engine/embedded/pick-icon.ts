/**
 * @module pick-icon
 * A Lucide icon for a scene, chosen by the scene's words (English and Chinese). Every name here
 * exists in the installed lucide package (`node_modules/lucide/dist/esm/icons/<name>.mjs`,
 * checked by the unit test); a scene with no keyword gets one of a few generic icons.
 */

/** Keyword → icon, first match wins, so specific entries come before broad ones. */
export const ICON_KEYWORDS: ReadonlyArray<{ icon: string; pattern: RegExp }> = [
  {
    icon: 'rocket',
    pattern:
      /\b(?:launch\w*|rocket|start(?:up)?|get started|introduc\w*|new)\b|发布|推出|启动|全新/i,
  },
  {
    icon: 'shield-check',
    pattern:
      /\b(?:secur\w*|safe\w*|protect\w*|privacy|private|trust\w*|encrypt\w*)\b|安全|保护|隐私|可靠/i,
  },
  {
    icon: 'zap',
    pattern: /\b(?:fast\w*|speed|quick\w*|instant\w*|power\w*|energy|seconds)\b|快|速度|高效|秒/i,
  },
  {
    icon: 'clock',
    pattern: /\b(?:time|hours?|minutes?|schedul\w*|deadline|wait\w*|late)\b|时间|小时|分钟/i,
  },
  {
    icon: 'users',
    pattern:
      /\b(?:team\w*|people|users?|customers?|communit\w*|colleagues?|together|everyone)\b|团队|用户|客户|社区|大家/i,
  },
  { icon: 'cloud', pattern: /\b(?:cloud|sync\w*|online|anywhere)\b|云|同步/i },
  {
    icon: 'database',
    pattern: /\b(?:data|files?|storage|store[sd]?|backup\w*)\b|数据|文件|存储|备份/i,
  },
  {
    icon: 'chart-line',
    pattern:
      /\b(?:grow\w*|analytics|metrics?|results?|revenue|sales|increase\w*|profit\w*)\b|增长|数据分析|业绩|收入/i,
  },
  {
    icon: 'dollar-sign',
    pattern:
      /\b(?:price\w*|pricing|cost\w*|money|save|saving\w*|cheap\w*|budget|free|pay\w*)\b|价格|省钱|免费|费用|钱/i,
  },
  {
    icon: 'shopping-cart',
    pattern:
      /\b(?:shop\w*|buy\w*|order\w*|cart|store|deal\w*|discount\w*|sale)\b|购物|购买|下单|折扣|优惠/i,
  },
  {
    icon: 'smartphone',
    pattern: /\b(?:phone|mobile|app|download\w*|ios|android)\b|手机|应用|下载/i,
  },
  {
    icon: 'laptop',
    pattern: /\b(?:laptop|computer|desktop|browser|web(?:site)?|online)\b|电脑|网站|浏览器/i,
  },
  { icon: 'bot', pattern: /\b(?:ai|robot|automat\w*|assistant|smart)\b|智能|机器人|自动/i },
  {
    icon: 'code',
    pattern: /\b(?:code|coding|developers?|api|engineer\w*|software)\b|代码|开发|软件/i,
  },
  {
    icon: 'lightbulb',
    pattern:
      /\b(?:idea\w*|insight\w*|learn\w*|tip\w*|discover\w*|imagine|think\w*|solution\w*)\b|想法|创意|学习|发现|方案/i,
  },
  {
    icon: 'graduation-cap',
    pattern: /\b(?:school|student\w*|course\w*|educat\w*|teach\w*|class\w*)\b|学校|学生|课程|教育/i,
  },
  {
    icon: 'heart',
    pattern:
      /\b(?:love\w*|care\w*|health\w*|heart|wellness|happ\w*|favou?rite)\b|爱|关爱|健康|幸福/i,
  },
  {
    icon: 'croissant',
    pattern:
      /\b(?:bak\w*|bread|pastr\w*|croissants?|sourdough|cakes?|dessert\w*)\b|面包|烘焙|蛋糕|甜点/i,
  },
  { icon: 'coffee', pattern: /\b(?:coffee|cafe|tea|breakfast|morning)\b|咖啡|茶|早餐|早上/i },
  {
    icon: 'utensils',
    pattern:
      /\b(?:food|eat\w*|meal\w*|restaurant|dinner|lunch|cook\w*|recipe\w*)\b|美食|吃|餐|做饭/i,
  },
  {
    icon: 'plane',
    pattern: /\b(?:travel\w*|trip\w*|flight\w*|vacation|holiday|journey)\b|旅行|旅游|出行|航班/i,
  },
  { icon: 'fish', pattern: /\b(?:ocean\w*|sea|marine|fish\w*|reef\w*|whales?)\b|海洋|大海|鱼/i },
  { icon: 'recycle', pattern: /\b(?:recycl\w*|waste|plastic\w*|reus\w*)\b|回收|垃圾|塑料/i },
  {
    icon: 'dumbbell',
    pattern: /\b(?:fitness|gym|workout\w*|exercis\w*|train(?:ing)?)\b|健身|锻炼|运动/i,
  },
  {
    icon: 'book-open',
    pattern: /\b(?:books?|read\w*|stud(?:y|ies|ying)|languages?)\b|读书|阅读|学习|语言/i,
  },
  {
    icon: 'leaf',
    pattern:
      /\b(?:nature|eco\w*|green|sustainab\w*|planet|environment\w*|organic)\b|自然|环保|绿色|地球/i,
  },
  {
    icon: 'globe',
    pattern: /\b(?:world\w*|global\w*|international|countr(?:y|ies)|languages?)\b|世界|全球|国际/i,
  },
  {
    icon: 'message-circle',
    pattern: /\b(?:chat\w*|messag\w*|talk\w*|support|feedback|ask)\b|聊天|消息|沟通|支持/i,
  },
  { icon: 'mail', pattern: /\b(?:e-?mail|newsletter|inbox|subscribe\w*)\b|邮件|订阅/i },
  {
    icon: 'calendar',
    pattern:
      /\b(?:calendar|date|event\w*|monday|tuesday|wednesday|thursday|friday|weekend|today|tomorrow)\b|日历|活动|今天|明天|周末/i,
  },
  { icon: 'gift', pattern: /\b(?:gift\w*|bonus|reward\w*|offer\w*|present)\b|礼物|奖励|福利/i },
  {
    icon: 'trophy',
    pattern: /\b(?:win\w*|award\w*|best|champion\w*|success\w*|achiev\w*)\b|获奖|冠军|成功|最好/i,
  },
  {
    icon: 'target',
    pattern: /\b(?:goal\w*|target\w*|focus\w*|mission|aim\w*|precis\w*)\b|目标|专注|使命/i,
  },
  {
    icon: 'settings',
    pattern: /\b(?:setup|set up|settings?|configur\w*|custom\w*|tools?)\b|设置|配置|定制|工具/i,
  },
  { icon: 'camera', pattern: /\b(?:photo\w*|camera|pictures?|filming|films?)\b|照片|拍摄/i },
  {
    icon: 'eighth-notes',
    pattern: /\b(?:music\w*|song\w*|sound\w*|audio|listen\w*)\b|音乐|歌曲|声音/i,
  },
  { icon: 'house', pattern: /\b(?:home|house|famil\w*|living)\b|家|家庭/i },
  {
    icon: 'handshake',
    pattern: /\b(?:partner\w*|deal|agree\w*|hire|hiring|join\w*|welcome)\b|合作|伙伴|加入|欢迎/i,
  },
  { icon: 'megaphone', pattern: /\b(?:announc\w*|news|share|tell|spread)\b|宣布|新闻|分享/i },
  {
    icon: 'circle-check',
    pattern: /\b(?:easy|simple|done|ready|check\w*|works?)\b|简单|轻松|完成|搞定/i,
  },
];

/** Icons for scenes that name nothing we know, used in turn so neighbours differ. */
export const GENERIC_ICONS: readonly string[] = ['sparkles', 'star', 'circle-check', 'lightbulb'];

/**
 * The icon for a scene.
 * @param text the scene's script text
 * @param sceneIndex 0-based; picks the generic fallback in turn
 * @param avoid the previous scene's icon: another matching icon is preferred to a repeat
 * @returns a Lucide icon name in kebab-case (e.g. `rocket`)
 * @example pickIcon('Keep your files safe', 0) // "shield-check"
 */
export function pickIcon(text: string, sceneIndex: number, avoid: string | null = null): string {
  // The first matching icon other than `avoid`, else `avoid` itself when it is the only match.
  let firstHit: string | undefined;
  for (const entry of ICON_KEYWORDS) {
    if (!entry.pattern.test(text)) continue;
    if (entry.icon !== avoid) return entry.icon;
    firstHit ??= entry.icon;
  }
  if (firstHit) return firstHit;
  const generic = GENERIC_ICONS[Math.abs(sceneIndex) % GENERIC_ICONS.length] ?? 'sparkles';
  return generic === avoid
    ? (GENERIC_ICONS[(Math.abs(sceneIndex) + 1) % GENERIC_ICONS.length] ?? 'sparkles')
    : generic;
}

/** Every icon name this module can return (for the existence check). */
export function allIconNames(): string[] {
  return [...new Set([...ICON_KEYWORDS.map((entry) => entry.icon), ...GENERIC_ICONS])];
}
