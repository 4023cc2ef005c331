import { parseInput } from '@govdata/platform-service';
import { systemNameKey } from './information-system.js';
import { registerSystemBody, updateSystemBody } from './information-system.dto.js';

const valid = {
  name: '人口综合信息管理系统',
  constructionLevel: 'provincial',
  constructionDepartment: '江西省公安厅',
  deployment: 'gov-cloud',
  contact: { name: '张三', phone: '0791-88888888' },
};

describe('information system body', () => {
  it('accepts the Chinese labels people type for the enumerations', () => {
    const parsed = parseInput(registerSystemBody, {
      ...valid,
      constructionLevel: '省级',
      deployment: '自建机房',
      status: '停用',
    });
    expect(parsed).toMatchObject({
      constructionLevel: 'provincial',
      deployment: 'own-data-centre',
      status: 'decommissioned',
    });
  });

  it('defaults the status to in use (在用)', () => {
    expect(parseInput(registerSystemBody, valid).status).toBe('in-use');
  });

  it('names every bad field with a 400', () => {
    let caught: unknown;
    try {
      parseInput(registerSystemBody, { ...valid, deployment: '云上', contact: { name: '', phone: 'call me' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ httpStatus: 400 });
    const paths = (caught as { fields: Array<{ path: string }> }).fields.map((f) => f.path).sort();
    expect(paths).toEqual(['contact.name', 'contact.phone', 'deployment']);
  });

  it('refuses fields it does not know, also on update', () => {
    expect(() => parseInput(updateSystemBody, { organisationId: '7d1f0b0e-1111-4222-8333-444455556666' })).toThrow(
      /organisationId|Unrecognized/,
    );
  });
});

describe('system name key', () => {
  it('ignores width, case and runs of spaces', () => {
    expect(systemNameKey('  ＧＩＳ  平台 ')).toBe(systemNameKey('gis 平台'));
    expect(systemNameKey('人口系统')).not.toBe(systemNameKey('人口系统二期'));
  });
});
