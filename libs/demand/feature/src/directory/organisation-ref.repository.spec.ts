import { toOrganisationRef } from './organisation-ref.repository.js';

describe('organisation_ref rows', () => {
  it('maps a row to the organisation', () => {
    expect(
      toOrganisationRef({
        id: '00000000-0000-4000-8000-00000000000b',
        node_code: '360100',
        name: '江西省公安厅',
        active: false,
      }),
    ).toEqual({ id: '00000000-0000-4000-8000-00000000000b', nodeCode: '360100', name: '江西省公安厅', active: false });
  });
});
