import { toDataElement, type DataElementRaw } from './data-element.repository.js';

describe('toDataElement', () => {
  const raw: DataElementRaw = {
    identifier: 'DE0001',
    name: '公民身份号码',
    name_en: 'Citizen ID number',
    definition: '18位公民身份号码',
    data_type: 'C',
    length: 18,
    value_domain: 'GB 11643',
    inherited_from: '100000',
    created_by: 'node:100000',
    created_at: new Date('2026-03-02T01:00:00Z'),
    updated_by: 'node:100000',
    updated_at: new Date('2026-03-03T01:00:00Z'),
  };

  it('maps an inherited element', () => {
    expect(toDataElement(raw)).toEqual({
      identifier: 'DE0001',
      name: '公民身份号码',
      nameEn: 'Citizen ID number',
      definition: '18位公民身份号码',
      dataType: 'C',
      length: 18,
      valueDomain: 'GB 11643',
      inheritedFrom: '100000',
      createdBy: 'node:100000',
      createdAt: '2026-03-02T01:00:00.000Z',
      updatedBy: 'node:100000',
      updatedAt: '2026-03-03T01:00:00.000Z',
    });
  });

  it('maps the optional columns of a local element to null', () => {
    expect(
      toDataElement({ ...raw, name_en: null, length: null, value_domain: null, inherited_from: null }),
    ).toMatchObject({ nameEn: null, length: null, valueDomain: null, inheritedFrom: null });
  });
});
