import { parseInput } from '@govdata/platform-service';
import { systemNameKey } from './information-system.js';
import { registerSystemBody, updateSystemBody } from './information-system.dto.js';

const valid = {
  name: '人口綜合信息管理系統',
  constructionLevel: 'provincial',
  constructionDepartment: '江西省公安廳',
  deployment: 'gov-cloud',
  contact: { name: '張三', phone: '0791-88888888' },
};

describe('information system body', () => {
  it('accepts the Chinese labels people type for the enumerations', () => {
    const parsed = parseInput(registerSystemBody, {
      ...valid,
      constructionLevel: '省級',
      deployment: '自建機房',
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
      parseInput(registerSystemBody, { ...valid, deployment: '雲上', contact: { name: '', phone: 'call me' } });
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
    expect(systemNameKey('  ＧＩＳ  平臺 ')).toBe(systemNameKey('gis 平臺'));
    expect(systemNameKey('人口系統')).not.toBe(systemNameKey('人口系統二期'));
  });
});
