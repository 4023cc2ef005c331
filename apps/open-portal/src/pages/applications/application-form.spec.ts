import { describe, expect, it } from 'vitest';
import type { OwnApplicationView } from '@/api/open-people-api.js';
import {
  applicationRequest,
  emptyApplicationForm,
  liveApplicationOf,
  mayWithdraw,
  publishedItems,
} from './application-form.js';

const column = (item: string) => ({ item, dataType: 'C', masked: false });

describe('the application form', () => {
  it('offers each published item once, in the order of the tables', () => {
    expect(
      publishedItems({
        resources: [
          { columns: [column('单位名称'), column('行业')] },
          { columns: [column('行业'), column('注册资本')] },
        ],
      } as never),
    ).toEqual(['单位名称', '行业', '注册资本']);
  });

  it('sends the text as typed and the fields in the order shown, whatever order they were ticked in', () => {
    const form = {
      ...emptyApplicationForm(),
      purpose: ' 研究行业分布 ',
      scenario: '课题组统计',
      fields: ['注册资本', '单位名称'],
      commitments: ['purpose-only', 'report-use'],
      validUntil: '2027-06-30',
    };
    expect(applicationRequest(form, ['单位名称', '行业', '注册资本'])).toEqual({
      purpose: ' 研究行业分布 ',
      scenario: '课题组统计',
      fields: ['单位名称', '注册资本'],
      commitments: ['purpose-only', 'report-use'],
      validUntil: '2027-06-30',
    });
  });

  it('finds my application in progress or in force for the dataset, not an ended one', () => {
    const of = (id: string, datasetId: string, state: OwnApplicationView['state']) =>
      ({ id, dataset: { id: datasetId }, state }) as OwnApplicationView;
    const mine = [of('a1', 'd1', 'refused'), of('a2', 'd2', 'submitted'), of('a3', 'd1', 'active')];
    expect(liveApplicationOf(mine, 'd1')?.id).toBe('a3');
    expect(liveApplicationOf([of('a4', 'd1', 'withdrawn'), of('a5', 'd1', 'expired')], 'd1')).toBeUndefined();
    expect(['submitted', 'approved', 'active'].every((state) => mayWithdraw({ state } as OwnApplicationView))).toBe(
      true,
    );
    expect(['refused', 'withdrawn', 'revoked', 'expired'].some((state) => mayWithdraw({ state } as never))).toBe(false);
  });
});
