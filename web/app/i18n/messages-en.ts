/**
 * @module messages-en
 * The app's visible English text, one entry per string: the reference catalogue. Every other
 * language must have the same keys (messages-zh.ts is typed `Messages`, so TypeScript says when
 * one is missing or extra). `{name}` marks a value filled in by `t(key, { name })`.
 *
 * These strings are exactly what the app showed before it had a catalogue: browser tests and
 * scripts find controls by them ("Message", "Send", "Export", "Download MP4"…), so change one
 * only together with its callers.
 */

/** English messages by key. */
export const messagesEn = {
  // app
  'app.skipToMessage': 'Skip to message box',
  'footer.license': 'Free software: GPL-3.0-or-later',
  'footer.notices': 'Third-party notices',

  // site header
  'header.library': 'Library',
  'header.newVideo': 'New video',
  'header.switchLanguage': 'Show the app in Chinese',
  'credits.one': '{count} credit',
  'credits.other': '{count} credits',
  'credits.reserved': '{count} reserved for a render in progress',
  'credits.unknown': 'Credits: after your first message',

  // chat
  'chat.heading': 'Chat',
  'chat.restoring': 'Loading your video…',
  'chat.conversation': 'Conversation',
  'chat.roleUser': 'You',
  'chat.roleAssistant': 'Reelwright',
  'chat.thinking': 'Thinking…',
  'chat.suggestions': 'Suggested next steps',

  // empty state
  'empty.title': 'Describe the video you want',
  'empty.body':
    'Say what it is about, how long it should be and its shape (wide, vertical or square), or paste a script. ' +
    'Then refine it in words — “make it vertical”, “title in red”, “music at 20%” — and press Export for an MP4.',
  'empty.try': 'Try one:',
  'empty.example1': 'Make a 30-second explainer video about a budgeting app for students',
  'empty.example2': 'A 15-second vertical promo for a coffee shop’s autumn menu, upbeat music',
  'empty.example3': 'A 20-second square video announcing our summer sale, title in red',

  // composer
  'composer.label': 'Message',
  'composer.placeholder': 'Describe your video, or say what to change…',
  'composer.send': 'Send',
  'composer.hint': 'Enter sends · Shift+Enter adds a new line',

  // error banner
  'error.dismiss': 'Dismiss',

  // preview and player
  'preview.heading': 'Preview',
  'preview.placeholder': 'Your video’s preview appears here after the first message.',
  'preview.canvasLabel': 'Preview of “{title}”, {width}×{height}',
  'preview.untitled': 'your video',
  'preview.loading': 'Loading the preview…',
  'preview.failed': 'The preview could not be drawn in this browser: {error}',
  'preview.silent': 'The preview is silent: {error}',
  'preview.fallbackFont': 'Some text is shown in a fallback font: {error}',
  'preview.mediaUnavailable': 'Some uploads cannot be shown in the preview: {error}',
  'preview.logoMissing':
    'Your logo is left out: its picture was deleted. Pick another one in the library’s brand kit.',
  'player.play': 'Play',
  'player.pause': 'Pause',
  'player.position': 'Position',
  'player.positionOf': '{position} of {duration}',
  'player.time': 'Time: ',

  // timeline
  'timeline.heading': 'Timeline',
  'timeline.empty': 'Tracks and scenes appear here once the first draft is made.',
  'timeline.tracks': 'Tracks',
  'timeline.kindVideo': 'Video',
  'timeline.kindAudio': 'Audio',
  'timeline.kindText': 'Text',
  'timeline.lane': '{kind} track: {name}',
  'timeline.segment': '{caption}, {span}. Show in preview',
  'timeline.changes': 'Last changes',

  // media bin and uploads
  'media.heading': 'Your media',
  'media.uploading': 'uploading…',
  'media.kindVideo': 'video',
  'media.kindImage': 'image',
  'media.kindAudio': 'audio',
  'upload.button': 'Add clips, photos or music',
  'upload.drop': 'or drop files here · up to 500 MB each',
  'upload.list': 'Uploads',
  'upload.progress': '{name} upload progress',
  'upload.cancel': 'Cancel',
  'upload.stateUploading': 'uploading',
  'upload.stateProbing': 'checking the file…',
  'upload.stateWaiting': 'waiting to convert',
  'upload.stateConverting': 'converting to MP4…',
  'upload.stateDone': 'ready',
  'upload.stateFailed': 'not added',
  'upload.stateCancelled': 'cancelled',

  // export
  'export.heading': 'Export',
  'export.button': 'Export',
  'export.needDraft': 'Make a draft first; then export it as an MP4 (H.264 + AAC).',
  'export.facts': '{canvas} · {fps} fps · {duration} · MP4',
  'export.canvas': '{width}×{height} {shape}',
  'export.shapeSquare': 'square',
  'export.shapeWide': 'wide',
  'export.shapeVertical': 'vertical',
  'export.stop': 'Stop export',
  'export.download': 'Download MP4',
  'export.subtitles': 'Subtitles:',
  'export.progressLabel': 'Render progress',
  'export.starting': 'Starting…',
  'export.resumingFrom': 'Resuming from {percent}% · ',
  'export.saving': '{progress} · saving the file…',
  'export.done': 'Done: your video is ready.',
  'export.interrupted': 'Stopped at {percent}% when the page rendering it closed; resuming here…',
  'export.reconnecting': ' · reconnecting to the server…',
  'export.stale':
    'This download is the version before your latest changes. Press Export for the new one.',
  'export.failed': 'The export failed: {error}',

  // batch (one video per upload)
  'batch.heading': 'Batch',
  'batch.intro': '{count} videos, one per upload; each is exported as its own MP4.',
  'batch.itemFacts': '{duration} · {canvas}',
  'batch.preview': 'Preview',
  'batch.previewNamed': 'Preview {label}',
  'batch.notExported': 'Not exported yet',
  'batch.waiting': 'Waiting',
  'batch.rendering': 'Rendering {percent}%',
  'batch.progressLabel': '{label} render progress',
  'batch.download': 'Download {label}',
  'batch.failed': 'Failed: {error}',
  'batch.failedUnknown': 'The render failed.',
  'batch.outOfDate': 'Out of date: made before the latest changes.',
  'batch.downloadOlder': 'Download the older {label}',
  'batch.exportAll': 'Export all {count}',
  'batch.stop': 'Stop',
  'batch.outOfCredits':
    'Your credits ran out: {queued} of {count} videos are queued and will be rendered; the other {left} are not.',
  'batch.cancelledOutdated': 'Cancelled: the batch changed before this video was rendered.',
  'batch.cancelledStopped': 'Stopped before it was rendered.',
  'batch.announceRendering': 'Video {position} of {count}, {label}: {percent}% done.',
  'batch.announceAllDone': 'All {count} videos are ready to download.',
  'batch.exportReply':
    'Exporting all {count} videos, one after another. Follow them in the Batch panel; each gets its own Download link.',
  'batch.exportRunning': 'The batch is already being exported; its progress is in the Batch panel.',

  // library
  'library.heading': 'Your videos',
  'library.close': 'Close library',
  'library.loadFailed': 'The library could not be loaded: {error}',
  'library.loading': 'Loading your videos…',
  'library.empty': 'No videos yet: describe one in the chat to start.',
  'library.updated': 'Updated',
  'library.noDraft': 'No draft yet',
  'library.version': 'Version {version} · {summary}',
  'library.download': 'Download',
  'library.downloadNamed': 'Download “{title}”',
  'library.open': 'Open',
  'library.openNow': 'Open now',
  'library.openNamed': 'Open “{title}”',
  'library.notExported': 'Not exported yet',
  'library.renderReady': 'Render ready',
  'library.renderFailed': 'Render failed',
  'library.renderFailedWith': 'Render failed: {error}',
  'library.renderQueued': 'Render queued',

  // brand kit (library panel)
  'brand.heading': 'Brand kit',
  'brand.intro': 'Your colours, font and logo, used by the videos you make next.',
  'brand.loading': 'Loading your brand kit…',
  'brand.loadFailed': 'Your brand kit could not be loaded: {error}',
  'brand.colours': 'Brand colours',
  'brand.noColours': 'No brand colours yet.',
  'brand.colourN': 'Brand colour {n}',
  'brand.removeColourN': 'Remove brand colour {n}',
  'brand.remove': 'Remove',
  'brand.addColour': 'Add a colour',
  'brand.font': 'Font',
  'brand.fontDefault': 'Default',
  'brand.logo': 'Logo',
  'brand.noLogo': 'No logo',
  'brand.logoElsewhere': 'A picture from an older video',
  'brand.logoAlt': 'Your logo',
  'brand.noPictures': 'Upload a picture (PNG, JPG, WebP or GIF) to use it as your logo.',
  'brand.corner': 'Logo corner',
  'brand.corner.top-left': 'Top left',
  'brand.corner.top-right': 'Top right',
  'brand.corner.bottom-left': 'Bottom left',
  'brand.corner.bottom-right': 'Bottom right',
  'brand.save': 'Save brand kit',
  'brand.saving': 'Saving…',
  'brand.saved': 'Brand kit saved: new videos use it.',
  'brand.saveFailed': 'The brand kit was not saved: {error}',
  'library.rendering': 'Rendering: {percent}',
  'library.renderSaving': 'Render saving',
  'library.renderStopped': 'Render stopped at {percent}',

  // API keys (library panel)
  'apiKeys.heading': 'API keys',
  'apiKeys.intro':
    'For scripts and servers: send drafts, Shotstack edits or prompts to POST /api/renders with "Authorization: Bearer <key>" (docs/http-api.md).',
  'apiKeys.nameLabel': 'Name (optional)',
  'apiKeys.create': 'Create API key',
  'apiKeys.shownOnce': 'Copy the key and its webhook secret now: they are shown only this once.',
  'apiKeys.keyLabel': 'API key',
  'apiKeys.webhookSecretLabel': 'Webhook signing secret',
  'apiKeys.copy': 'Copy',
  'apiKeys.copyNamed': 'Copy {what}',
  'apiKeys.copied': 'Copied',
  'apiKeys.done': 'I have copied them',
  'apiKeys.none': 'No API keys yet.',
  'apiKeys.made': 'made {when}',
  'apiKeys.lastUsed': 'last used {when}',
  'apiKeys.neverUsed': 'never used',
  'apiKeys.revoke': 'Revoke',
  'apiKeys.revokeNamed': 'Revoke API key “{name}”',

  // progress and time (format/*)
  'progress.fps': '{fps} fps',
  'time.almostDone': 'almost done',
  'time.secondsLeft': '{seconds} s left',
  'time.minutesLeft': '{minutes} min left',
  'time.minutesSecondsLeft': '{minutes} min {seconds} s left',
  'time.span': '{start}–{end} s',
  'time.minutes.one': '{count} minute',
  'time.minutes.other': '{count} minutes',
  'time.seconds.one': '{count} second',
  'time.seconds.other': '{count} seconds',

  // the widget's footer (embed/forget-me-button)
  'embed.forgetMe': 'Forget me on this site',
  'embed.forgetMeConfirm':
    'Forget you on this site? The widget will no longer know you or your videos here.',

  // errors the app itself words (format/plain-error, the chat model)
  'error.stopped': 'Stopped.',
  'error.noEncoder': 'This browser cannot encode video. Try a recent Chrome, Edge or Safari.',
  'error.tooLarge': 'The video is too large for this browser to handle. Try a shorter one.',
  'error.generic': 'Something went wrong. Try again.',
  'error.tooManyNewVisitors':
    'Too many new visitors came from your network recently. Try again in a while, or keep using the browser you started with.',
  'error.sessionLimit':
    'You have created as many sessions as one visitor may. Continue in one of your sessions from the library.',
  'error.uploadQuotaExceeded':
    'You have as many uploads (or as many gigabytes) as one visitor may keep. Delete uploads you no longer need, then try again.',
  'error.sessionMediaLimit':
    'This session holds as many files as one session may (200). Delete some, or start a new video.',
  'error.exportRateLimited':
    'You have started as many exports as one visitor may in an hour. Try again a little later.',
  'error.remoteExportLimit':
    'You have started as many exports today as this site allows per visitor. Try again tomorrow.',
  'error.answerCutOff': 'The answer was cut off before it finished. Send your message again.',
  'error.answerPartlyUnreadable':
    'Part of the answer could not be read; what could be read is shown.',
} as const;

/** A message's key. */
export type MessageKey = keyof typeof messagesEn;

/** A whole catalogue: every key of the English one, each a string. */
export type Messages = Readonly<Record<MessageKey, string>>;
