/**
 * @module messages-zh
 * The app's visible text in Simplified Chinese (`data-lang="zh"`, or a browser whose language
 * starts with `zh`). Typed {@link Messages}: TypeScript fails the build when a key of the English
 * catalogue is missing here or one is extra. Loaded on demand by locale.ts, so English pages do
 * not download it.
 */
import type { Messages } from './messages-en';

/** Chinese messages by key. */
export const messagesZh: Messages = {
  // app
  'app.skipToMessage': '跳到输入框',
  'footer.license': '自由软件：GPL-3.0 或更新版本',
  'footer.notices': '第三方声明',

  // site header
  'header.library': '视频库',
  'header.newVideo': '新建视频',
  'header.switchLanguage': '用英文显示',
  'credits.one': '{count} 点额度',
  'credits.other': '{count} 点额度',
  'credits.reserved': '其中 {count} 点已为进行中的渲染预留',
  'credits.unknown': '额度：发送第一条消息后显示',

  // chat
  'chat.heading': '对话',
  'chat.restoring': '正在加载你的视频…',
  'chat.conversation': '对话记录',
  'chat.roleUser': '你',
  'chat.roleAssistant': 'Reelwright',
  'chat.thinking': '思考中…',
  'chat.suggestions': '建议的下一步',

  // empty state
  'empty.title': '描述你想要的视频',
  'empty.body':
    '说说视频的主题、时长和画面形状（横屏、竖屏或方形），或直接粘贴一段脚本。' +
    '然后用文字继续修改——“改成竖屏”“标题改成红色”“音乐音量20%”——再点“导出”得到 MP4。',
  'empty.try': '试试这些：',
  'empty.example1': '生成一个30秒的产品介绍视频，关于学生记账应用',
  'empty.example2': '一个15秒的竖屏咖啡店秋季菜单宣传片，配欢快的音乐',
  'empty.example3': '生成一个20秒的方形夏季促销视频，标题用红色',

  // composer
  'composer.label': '消息',
  'composer.placeholder': '描述你想要的视频，或告诉我要修改什么…',
  'composer.send': '发送',
  'composer.hint': 'Enter 发送 · Shift+Enter 换行',

  // error banner
  'error.dismiss': '关闭',

  // preview and player
  'preview.heading': '预览',
  'preview.placeholder': '发送第一条消息后，视频预览会显示在这里。',
  'preview.canvasLabel': '“{title}”的预览，{width}×{height}',
  'preview.untitled': '你的视频',
  'preview.loading': '正在加载预览…',
  'preview.failed': '此浏览器无法绘制预览：{error}',
  'preview.silent': '预览没有声音：{error}',
  'preview.fallbackFont': '部分文字以备用字体显示：{error}',
  'preview.mediaUnavailable': '部分上传的素材无法在预览中显示：{error}',
  'preview.logoMissing': '你的 logo 没有显示：它的图片已被删除。请在资料库的品牌套件里另选一张。',
  'player.play': '播放',
  'player.pause': '暂停',
  'player.position': '播放位置',
  'player.positionOf': '{position}，共 {duration}',
  'player.time': '时间：',

  // timeline
  'timeline.heading': '时间线',
  'timeline.empty': '生成第一个草稿后，轨道和场景会显示在这里。',
  'timeline.tracks': '轨道',
  'timeline.kindVideo': '视频',
  'timeline.kindAudio': '音频',
  'timeline.kindText': '文字',
  'timeline.lane': '{kind}轨道：{name}',
  'timeline.segment': '{caption}，{span}。在预览中显示',
  'timeline.changes': '最近的修改',

  // media bin and uploads
  'media.heading': '你的素材',
  'media.uploading': '上传中…',
  'media.kindVideo': '视频',
  'media.kindImage': '图片',
  'media.kindAudio': '音频',
  'upload.button': '添加视频片段、图片或音乐',
  'upload.drop': '或把文件拖到这里 · 每个最大 500 MB',
  'upload.list': '上传',
  'upload.progress': '{name} 上传进度',
  'upload.cancel': '取消',
  'upload.stateUploading': '上传中',
  'upload.stateProbing': '正在检查文件…',
  'upload.stateWaiting': '等待转换',
  'upload.stateConverting': '正在转换为 MP4…',
  'upload.stateDone': '就绪',
  'upload.stateFailed': '未添加',
  'upload.stateCancelled': '已取消',

  // export
  'export.heading': '导出',
  'export.button': '导出',
  'export.needDraft': '请先生成草稿，再导出为 MP4（H.264 + AAC）。',
  'export.facts': '{canvas} · {fps} 帧/秒 · {duration} · MP4',
  'export.canvas': '{width}×{height} {shape}',
  'export.shapeSquare': '方形',
  'export.shapeWide': '横屏',
  'export.shapeVertical': '竖屏',
  'export.stop': '停止导出',
  'export.download': '下载 MP4',
  'export.subtitles': '字幕：',
  'export.progressLabel': '渲染进度',
  'export.starting': '正在开始…',
  'export.resumingFrom': '从 {percent}% 处继续 · ',
  'export.saving': '{progress} · 正在保存文件…',
  'export.done': '完成：你的视频已就绪。',
  'export.interrupted': '渲染它的页面关闭时停在了 {percent}%，正在这里继续…',
  'export.reconnecting': ' · 正在重新连接服务器…',
  'export.stale': '这个下载是你最近修改之前的版本。点“导出”获取新版本。',
  'export.failed': '导出失败：{error}',

  // batch (one video per upload)
  'batch.heading': '批量',
  'batch.intro': '共 {count} 个视频，每个上传文件一个；每个都导出为单独的 MP4。',
  'batch.itemFacts': '{duration} · {canvas}',
  'batch.preview': '预览',
  'batch.previewNamed': '预览 {label}',
  'batch.notExported': '尚未导出',
  'batch.waiting': '等待中',
  'batch.rendering': '渲染中 {percent}%',
  'batch.progressLabel': '{label} 渲染进度',
  'batch.download': '下载 {label}',
  'batch.failed': '失败：{error}',
  'batch.failedUnknown': '渲染失败。',
  'batch.outOfDate': '已过时：是在最近的修改之前生成的。',
  'batch.downloadOlder': '下载旧版 {label}',
  'batch.exportAll': '全部导出（{count} 个）',
  'batch.stop': '停止',
  'batch.outOfCredits':
    '额度已用完：{count} 个视频中有 {queued} 个已排队并会渲染；其余 {left} 个没有排队。',
  'batch.cancelledOutdated': '已取消：这个视频渲染之前批量内容已更改。',
  'batch.cancelledStopped': '在渲染之前已停止。',
  'batch.announceRendering': '第 {position} 个视频（共 {count} 个），{label}：已完成 {percent}%。',
  'batch.announceAllDone': '全部 {count} 个视频都可以下载了。',
  'batch.exportReply':
    '正在依次导出全部 {count} 个视频。请在“批量”面板查看进度；每个视频都有自己的下载链接。',
  'batch.exportRunning': '批量导出已在进行中；进度见“批量”面板。',

  // library
  'library.heading': '你的视频',
  'library.close': '关闭视频库',
  'library.loadFailed': '无法加载视频库：{error}',
  'library.loading': '正在加载你的视频…',
  'library.empty': '还没有视频：在对话中描述一个就可以开始。',
  'library.updated': '更新于',
  'library.noDraft': '还没有草稿',
  'library.version': '第 {version} 版 · {summary}',
  'library.download': '下载',
  'library.downloadNamed': '下载“{title}”',
  'library.open': '打开',
  'library.openNow': '已打开',
  'library.openNamed': '打开“{title}”',
  'library.notExported': '尚未导出',
  'library.renderReady': '渲染完成',
  'library.renderFailed': '渲染失败',
  'library.renderFailedWith': '渲染失败：{error}',
  'library.renderQueued': '渲染排队中',

  // brand kit (library panel)
  'brand.heading': '品牌套件',
  'brand.intro': '你的颜色、字体和 logo，之后新做的视频都会用上。',
  'brand.loading': '正在加载品牌套件…',
  'brand.loadFailed': '品牌套件加载失败：{error}',
  'brand.colours': '品牌色',
  'brand.noColours': '还没有品牌色。',
  'brand.colourN': '品牌色 {n}',
  'brand.removeColourN': '删除品牌色 {n}',
  'brand.remove': '删除',
  'brand.addColour': '添加颜色',
  'brand.font': '字体',
  'brand.fontDefault': '默认',
  'brand.logo': 'Logo',
  'brand.noLogo': '不用 logo',
  'brand.logoElsewhere': '以前视频里的一张图片',
  'brand.logoAlt': '你的 logo',
  'brand.noPictures': '上传一张图片（PNG、JPG、WebP 或 GIF）就能用作 logo。',
  'brand.corner': 'Logo 位置',
  'brand.corner.top-left': '左上角',
  'brand.corner.top-right': '右上角',
  'brand.corner.bottom-left': '左下角',
  'brand.corner.bottom-right': '右下角',
  'brand.save': '保存品牌套件',
  'brand.saving': '正在保存…',
  'brand.saved': '品牌套件已保存：新视频会用上它。',
  'brand.saveFailed': '品牌套件没有保存：{error}',
  'library.rendering': '渲染中：{percent}',
  'library.renderSaving': '正在保存渲染结果',
  'library.renderStopped': '渲染停在 {percent}',

  // API keys (library panel)
  'apiKeys.heading': 'API 密钥',
  'apiKeys.intro':
    '供脚本和服务器使用：带上 "Authorization: Bearer <密钥>"，向 POST /api/renders 发送草稿、Shotstack 编辑或提示词（见 docs/http-api.md）。',
  'apiKeys.nameLabel': '名称（可选）',
  'apiKeys.create': '创建 API 密钥',
  'apiKeys.shownOnce': '请现在复制密钥和它的 webhook 签名密钥：它们只显示这一次。',
  'apiKeys.keyLabel': 'API 密钥',
  'apiKeys.webhookSecretLabel': 'Webhook 签名密钥',
  'apiKeys.copy': '复制',
  'apiKeys.copyNamed': '复制{what}',
  'apiKeys.copied': '已复制',
  'apiKeys.done': '我已复制',
  'apiKeys.none': '还没有 API 密钥。',
  'apiKeys.made': '创建于 {when}',
  'apiKeys.lastUsed': '上次使用 {when}',
  'apiKeys.neverUsed': '从未使用',
  'apiKeys.revoke': '撤销',
  'apiKeys.revokeNamed': '撤销 API 密钥“{name}”',

  // progress and time (format/*)
  'progress.fps': '{fps} 帧/秒',
  'time.almostDone': '即将完成',
  'time.secondsLeft': '剩余 {seconds} 秒',
  'time.minutesLeft': '剩余 {minutes} 分钟',
  'time.minutesSecondsLeft': '剩余 {minutes} 分 {seconds} 秒',
  'time.span': '{start}–{end} 秒',
  'time.minutes.one': '{count} 分钟',
  'time.minutes.other': '{count} 分钟',
  'time.seconds.one': '{count} 秒',
  'time.seconds.other': '{count} 秒',

  // the widget's footer (embed/forget-me-button)
  'embed.forgetMe': '在此网站上忘记我',
  'embed.forgetMeConfirm': '要在此网站上忘记你吗？小组件将不再认得你和你在这里的视频。',

  // errors the app itself words (format/plain-error, the chat model)
  'error.stopped': '已停止。',
  'error.noEncoder': '此浏览器无法编码视频。请使用较新版本的 Chrome、Edge 或 Safari。',
  'error.tooLarge': '视频太大，此浏览器无法处理。请换一个短一些的。',
  'error.generic': '出了点问题，请重试。',
  'error.tooManyNewVisitors':
    '最近从你的网络来的新访客太多了。请稍后再试，或继续使用你最初使用的浏览器。',
  'error.sessionLimit': '你创建的会话已达到每位访客的上限。请在视频库中继续使用已有的会话。',
  'error.uploadQuotaExceeded':
    '你保存的上传文件（数量或容量）已达到每位访客的上限。请删除不再需要的上传后重试。',
  'error.sessionMediaLimit': '这个会话的文件已达到上限（200 个）。请删除一些文件，或新建一个视频。',
  'error.exportRateLimited': '你在一小时内开始的导出已达到每位访客的上限。请稍后再试。',
  'error.remoteExportLimit': '你今天开始的导出已达到本站每位访客每天的上限。请明天再试。',
  'error.answerCutOff': '回答在完成前被中断了。请重新发送你的消息。',
  'error.answerPartlyUnreadable': '部分回答无法读取；已显示能读取的内容。',
};
