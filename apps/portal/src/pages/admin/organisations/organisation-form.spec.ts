import { describe, expect, it } from 'vitest';
import type { Organisation } from '@/api/types/admin.js';
import {
  createOrganisationBody,
  emptyOrganisationForm,
  organisationFormOf,
  updateOrganisationBody,
} from './organisation-form.js';

const POLICE: Organisation = {
  id: 'o1',
  nodeCode: '360000',
  name: '江西省公安厅',
  uscc: '11360000014500002N',
  regionCode: '360000',
  kind: 'department',
  parentId: null,
  isRoot: false,
  authority: false,
  version: 3,
  active: true,
  createdAt: '2026-01-05T08:00:00Z',
  updatedAt: '2026-01-05T08:00:00Z',
};

describe('organisation form', () => {
  it('sends a new organisation trimmed, without a parent as null', () => {
    const form = { ...emptyOrganisationForm('360000'), name: ' 江西省民政厅 ', uscc: ' 11360000014500059h ' };
    expect(createOrganisationBody(form)).toEqual({
      name: '江西省民政厅',
      uscc: '11360000014500059h',
      regionCode: '360000',
      kind: 'department',
      parentId: null,
      authority: false,
    });
  });

  it('sends only what changed, with the version read', () => {
    const form = { ...organisationFormOf(POLICE), authority: true, name: '江西省公安厅 ' };
    expect(updateOrganisationBody(POLICE, form)).toEqual({ version: 3, authority: true });
    expect(updateOrganisationBody(POLICE, { ...organisationFormOf(POLICE), active: false, parentId: 'o2' })).toEqual({
      version: 3,
      active: false,
      parentId: 'o2',
    });
  });
});
