import { toGround } from './legal-ground.repository.js';

describe('legal_ground rows', () => {
  it('maps a row to the ground, with instants as ISO strings', () => {
    const row = {
      code: 'beyond-duty',
      title: '超出依法履职需要',
      basis: '国发〔2016〕51号',
      description: null,
      created_by: 'platform',
      created_at: new Date('2026-01-01T00:00:00Z'),
      updated_at: new Date('2026-02-01T00:00:00Z'),
      withdrawn_at: null,
    };
    expect(toGround(row)).toEqual({
      code: 'beyond-duty',
      title: '超出依法履职需要',
      basis: '国发〔2016〕51号',
      description: null,
      createdBy: 'platform',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-02-01T00:00:00.000Z',
      withdrawnAt: null,
    });
    expect(toGround({ ...row, withdrawn_at: new Date('2026-03-01T00:00:00Z') }).withdrawnAt).toBe(
      '2026-03-01T00:00:00.000Z',
    );
  });
});
