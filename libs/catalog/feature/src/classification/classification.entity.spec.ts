import { toClassification } from './classification.entity.js';
import { toGradePolicyRule } from './grade-policy.entity.js';
import { toGradeCeiling } from './grade-policy.repository.js';

describe('toClassification', () => {
  it('maps a national code', () => {
    expect(
      toClassification({
        code: '1',
        parentCode: null,
        level: 1,
        name: '基础信息',
        nameEn: null,
        origin: 'national',
        inheritedFrom: null,
        withdrawnAt: null,
        createdAt: new Date('2026-01-01T00:00:00Z'),
      }),
    ).toEqual({
      code: '1',
      parentCode: null,
      level: 1,
      name: '基础信息',
      nameEn: null,
      origin: 'national',
      inheritedFrom: null,
      withdrawnAt: null,
    });
  });

  it('maps a withdrawn inherited code, the withdrawal as ISO text', () => {
    expect(
      toClassification({
        code: '101001',
        parentCode: '101',
        level: 3,
        name: '人口',
        nameEn: 'Population',
        origin: 'inherited',
        inheritedFrom: '100000',
        withdrawnAt: new Date('2026-03-02T01:00:00Z'),
        createdAt: new Date('2026-01-01T00:00:00Z'),
      }),
    ).toMatchObject({ origin: 'inherited', inheritedFrom: '100000', withdrawnAt: '2026-03-02T01:00:00.000Z' });
  });
});

describe('toGradePolicyRule', () => {
  it('maps a grade rule', () => {
    expect(
      toGradePolicyRule({
        grade: 'core',
        sharingTypes: ['conditional', 'none'],
        openTypes: ['none'],
        updatedBy: 'seed',
        updatedAt: new Date('2026-01-01T00:00:00Z'),
      }),
    ).toEqual({
      grade: 'core',
      sharingTypes: ['conditional', 'none'],
      openTypes: ['none'],
      updatedBy: 'seed',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('toGradeCeiling', () => {
  it("maps an ancestor's grade rule", () => {
    expect(
      toGradeCeiling({
        key: 'general-2',
        origin_node: '100000',
        version: 3,
        body: { sharingTypes: ['conditional'], openTypes: ['none'] },
      }),
    ).toEqual({ grade: 'general-2', origin: '100000', version: 3, sharingTypes: ['conditional'], openTypes: ['none'] });
  });
});
