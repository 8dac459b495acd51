/**
 * @module upload-progress-list
 * One row per file on its way: name, a progress bar, "checking…" while it is probed, a plain
 * error when it is refused, and Cancel while it uploads.
 */
import { useApp } from '../app-context';
import type { UploadTask } from '../models/media-model';

const STATE_TEXT: Readonly<Record<UploadTask['state'], string>> = {
  uploading: 'uploading',
  probing: 'checking the file…',
  done: 'ready',
  failed: 'not added',
  cancelled: 'cancelled',
};

/** The list of uploads in progress (nothing when there are none). */
export function UploadProgressList() {
  const { media } = useApp();
  const tasks = media.tasks.value;
  if (tasks.length === 0) return null;
  return (
    <ul class="upload-tasks" aria-label="Uploads">
      {tasks.map((task) => (
        <li key={task.key} class={`upload-task upload-task--${task.state}`} data-state={task.state}>
          <span class="upload-task-name">{task.name}</span>
          <progress max={1} value={task.progress} aria-label={`${task.name} upload progress`} />
          <span class="muted">{task.state === 'uploading' ? `${Math.round(task.progress * 100)}%` : STATE_TEXT[task.state]}</span>
          {task.state === 'uploading' && (
            <button type="button" class="button button--quiet" onClick={() => media.cancel(task.key)}>
              Cancel
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
