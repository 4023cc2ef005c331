import { describe, expect, it } from 'vitest';
import { routedService } from './service-routing.middleware.js';

describe('routedService', () => {
  it('routes /api/v1/<service>/… to that service, as before', () => {
    expect(routedService('/api/v1/catalog/entries?limit=5')).toBe('catalog');
    expect(routedService('/api/v1/open-data')).toBe('open-data');
    expect(routedService('/api/v1/node')).toBe('node'); // not a routed service: the gateway answers itself
    expect(routedService('/api/v2/catalog/entries')).toBeUndefined();
  });

  it("routes CKAN's action API and the DCAT-AP files to open data, and nothing that merely looks alike", () => {
    expect(routedService('/api/3/action/package_search?rows=10')).toBe('open-data');
    expect(routedService('/api/3')).toBe('open-data');
    expect(routedService('/catalog.ttl')).toBe('open-data');
    expect(routedService('/catalog.jsonld?page=2')).toBe('open-data');
    expect(routedService('/catalog.rdf')).toBe('open-data');
    expect(routedService('/api/30/action')).toBeUndefined();
    expect(routedService('/catalog')).toBeUndefined();
    expect(routedService('/catalog.ttl.bak')).toBeUndefined();
    expect(routedService('/catalog/themes')).toBeUndefined();
  });
});
