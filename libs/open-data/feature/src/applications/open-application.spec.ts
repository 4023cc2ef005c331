import { describe, expect, it } from 'vitest';
import { agreementSha256, agreementText, inForce, SECURITY_COMMITMENTS, stateOf } from './open-application.js';

const TERMS = {
  datasetName: '中小企业登记信息',
  datasetId: '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70',
  providerName: '南昌市市场监督管理局',
  openConditions: '仅限科研和公益用途',
  applicant: { kind: 'company' as const, name: '示例科技有限公司', idMasked: '91310110666007217T' },
  purpose: '研究中小企业的行业分布',
  scenario: '课题组内部统计分析',
  fields: ['单位名称', '行业'],
  from: '2026-12-08',
  until: '2027-03-08',
  departmentConditions: '成果发表前报数据提供部门审阅',
};

describe('有条件开放 applications', () => {
  it('expires a grant after its last day, and only a signed one is in force', () => {
    expect(stateOf({ status: 'active', grantedUntil: '2027-03-08' }, '2027-03-08')).toBe('active');
    expect(stateOf({ status: 'active', grantedUntil: '2027-03-08' }, '2027-03-09')).toBe('expired');
    expect(inForce({ status: 'active', grantedUntil: '2027-03-08' }, '2027-03-09')).toBe(false);
    expect(inForce({ status: 'approved', grantedUntil: '2027-03-08' }, '2027-01-01')).toBe(false);
  });

  it('writes the agreement with the parties, fields, period, both conditions and every commitment as a clause', () => {
    const text = agreementText(TERMS);
    expect(text).toContain('数据提供方：南昌市市场监督管理局');
    expect(text).toContain('数据使用方：示例科技有限公司（法人，证件号码 91310110666007217T，已实名认证）');
    expect(text).toContain('开放字段：单位名称、行业。');
    expect(text).toContain('使用期限：2026-12-08 至 2027-03-08');
    expect(text).toContain('仅限科研和公益用途；成果发表前报数据提供部门审阅');
    for (const commitment of Object.values(SECURITY_COMMITMENTS)) expect(text).toContain(commitment);
    // The signature names this text: any change of terms is another hash.
    expect(agreementSha256(text)).toMatch(/^[0-9a-f]{64}$/);
    expect(agreementSha256(agreementText({ ...TERMS, fields: ['单位名称'] }))).not.toBe(agreementSha256(text));
  });
});
