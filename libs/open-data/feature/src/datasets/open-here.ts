import { GovdataError } from '@govdata/platform-errors';
import type { DatasetRecord } from './dataset.js';
import { servedByOrigin } from './open-data.exception.js';

/**
 * A public dataset the public's feedback (ratings, comments) is taken on here: open, and this node's
 * own — a replica's feedback belongs at its origin, whose department answers for the data.
 */
export function assertOpenHere(dataset: DatasetRecord, path = 'id'): DatasetRecord {
  if (dataset.origin) throw servedByOrigin(dataset, path, { zh: '评价', en: 'rate and comment' });
  if (dataset.status !== 'open') {
    throw GovdataError.conflict(
      `该数据集已归档，不再接受评价 (the dataset is archived: ${dataset.archivedReason ?? ''})`,
    );
  }
  return dataset;
}
