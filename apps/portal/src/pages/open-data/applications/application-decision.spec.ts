import { describe, expect, it } from 'vitest';
import { approvalBody, approvalFormFor } from './application-decision.js';

const ASKED = ['单位名称', '行业', '注册资本'];

describe('the approval of an application', () => {
  it('grants what was asked when nothing was changed', () => {
    expect(approvalBody(approvalFormFor(ASKED), ASKED)).toEqual({ decision: 'approve' });
  });

  it('narrows the fields in the order asked, ends earlier and adds conditions when chosen', () => {
    expect(
      approvalBody(
        { fields: ['注册资本', '单位名称'], validUntil: '2027-03-31', conditions: ' 仅限课题组内部使用 ' },
        ASKED,
      ),
    ).toEqual({
      decision: 'approve',
      fields: ['单位名称', '注册资本'],
      validUntil: '2027-03-31',
      conditions: '仅限课题组内部使用',
    });
  });

  it('sends no field at all when none is ticked, so that the API names the problem', () => {
    expect(approvalBody({ fields: [], validUntil: '', conditions: '  ' }, ASKED)).toEqual({
      decision: 'approve',
      fields: [],
    });
  });
});
