/**
 * @module upload-progress-list
 * One row per file on its way: name, a progress bar, "checking…" while it is probed,
 * "waiting to convert" (other files convert first) then "converting…" with its progress while a
 * file the browser cannot decode becomes an MP4, a plain error when it is refused, and Cancel
 * while it uploads, waits or converts.
 */
import { useApp } from '../app-context';
import { t } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages-en';
import type { UploadTask } from '../models/media-model';

/** Catalogue keys of each upload state's words. */
const STATE_TEXT: Readonly<Record<UploadTask['state'], MessageKey>> = {
  uploading: 'upload.stateUploading',
  probing: 'upload.stateProbing',
  waiting: 'upload.stateWaiting',
  converting: 'upload.stateConverting',
  done: 'upload.stateDone',
  failed: 'upload.stateFailed',
  cancelled: 'upload.stateCancelled',
};

/** The list of uploads in progress (nothing when there are none). */
export function UploadProgressList() {
  const { media } = useApp();
  const tasks = media.tasks.value;
  if (tasks.length === 0) return null;
  return (
    <ul class="upload-tasks" aria-label={t('upload.list')}>
      {tasks.map((task) => (
        <li key={task.key} class={`upload-task upload-task--${task.state}`} data-state={task.state}>
          <span class="upload-task-name">{task.name}</span>
          <progress
            max={1}
            value={task.progress}
            aria-label={t('upload.progress', { name: task.name })}
          />
          <span class="muted">
            {task.state === 'uploading'
              ? `${Math.round(task.progress * 100)}%`
              : task.state === 'converting'
                ? `${t(STATE_TEXT.converting)} ${Math.round(task.progress * 100)}%`
                : t(STATE_TEXT[task.state])}
          </span>
          {(task.state === 'uploading' ||
            task.state === 'waiting' ||
            task.state === 'converting') && (
            <button
              type="button"
              class="button button--quiet"
              onClick={() => media.cancel(task.key)}
            >
              {t('upload.cancel')}
            </button>
          )}
          {task.error !== null && (
            <p class="upload-task-error" aria-live="polite">
              {task.error}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
