/**
 * @module upload-control
 * "Add clips, photos or music": a button opening the file picker (also opened by the "upload"
 * intent) and a drop zone; several files at once. The accepted list is a hint for the picker —
 * the edge checks what the bytes are.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { t } from '../i18n/locale';

/** The picker's filter: the extensions and types the edge accepts (a hint only). */
const PICKER_ACCEPT =
  'video/*,image/*,audio/*,.mp4,.mov,.avi,.webm,.mkv,.jpg,.jpeg,.png,.gif,.webp,.mp3,.wav,.m4a,.aac,.ogg,.oga,.opus';

/** The upload button and drop zone. */
export function UploadControl() {
  const { media } = useApp();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const requests = media.pickerRequests.value;

  useEffect(() => {
    if (requests > 0) input.current?.click();
  }, [requests]);

  const take = (files: FileList | null): void => {
    if (files !== null && files.length > 0) void media.uploadFiles([...files]);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; the button inside is the keyboard and pointer path.
    <div
      class={dragging ? 'upload-drop upload-drop--active' : 'upload-drop'}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        take(event.dataTransfer?.files ?? null);
      }}
    >
      <button type="button" class="button" onClick={() => input.current?.click()}>
        {t('upload.button')}
      </button>
      <span class="muted">{t('upload.drop')}</span>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={PICKER_ACCEPT}
        data-testid="upload-input"
        onChange={(event) => {
          take(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
    </div>
  );
}
