/** Element Plus tag types. */
export type Tone = 'primary' | 'success' | 'info' | 'warning' | 'danger';

/**
 * The colour of a status tag, by the status words the services use. One table for every domain
 * (catalog entries, applications, child nodes, services) so a word looks the same everywhere.
 */
const TONES: Readonly<Record<string, Tone>> = {
  // 目录条目
  draft: 'info',
  submitted: 'warning',
  returned: 'danger',
  approved: 'primary',
  published: 'success',
  retired: 'info',
  // 需求申请
  'department-review': 'warning',
  'provider-review': 'warning',
  'authority-review': 'warning',
  contested: 'danger',
  granted: 'success',
  rejected: 'danger',
  withdrawn: 'info',
  expired: 'info',
  'awaiting-registration': 'warning',
  // 开放数据集
  open: 'success',
  refused: 'danger',
  archived: 'info',
  // 下级节点 / 服务
  pending: 'warning',
  active: 'success',
  revoked: 'danger',
  ready: 'success',
  starting: 'warning',
  down: 'danger',
};

export function toneOf(status: string): Tone {
  return TONES[status] ?? 'info';
}
