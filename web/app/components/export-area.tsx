/**
 * @module export-area
 * The studio's export section: the batch panel while the session has a batch (one video per
 * upload, each exported on its own), the export panel otherwise.
 */
import { useApp } from '../app-context';
import { BatchPanel } from './batch-panel';
import { ExportPanel } from './export-panel';

/** Batch panel or export panel, by whether the session has a batch. */
export function ExportArea() {
  return useApp().batch.current.value !== null ? <BatchPanel /> : <ExportPanel />;
}
