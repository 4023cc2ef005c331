import { describe, expect, it } from 'vitest';
import { demandAnswerBody, emptyDemandAnswer } from './demand-answer.js';

describe('demandAnswerBody', () => {
  it('sends the dataset only with already-open and the planned day only with will-open', () => {
    const filled = { text: '已开放', datasetId: 'd1', plannedBy: '2027-03-31' };
    expect(demandAnswerBody({ ...filled, outcome: 'already-open' })).toEqual({
      outcome: 'already-open',
      text: '已开放',
      datasetId: 'd1',
    });
    expect(demandAnswerBody({ ...filled, outcome: 'will-open' })).toEqual({
      outcome: 'will-open',
      text: '已开放',
      plannedBy: '2027-03-31',
    });
    expect(demandAnswerBody({ ...filled, outcome: 'not-held' })).toEqual({ outcome: 'not-held', text: '已开放' });
  });

  it('leaves a missing dataset out, for the API to say so beside the field', () => {
    expect(demandAnswerBody({ ...emptyDemandAnswer(), outcome: 'already-open', text: '见数据集' })).toEqual({
      outcome: 'already-open',
      text: '见数据集',
    });
  });
});
