import { describe, expect, it } from 'vitest';
import { serviceOfPath } from './service-of-path.js';

describe('serviceOfPath', () => {
  it("names the routed service, or the gateway for the gateway's own routes", () => {
    expect(serviceOfPath('http://127.0.0.1:8080/api/v1/catalog/search?q=x')).toBe('catalog');
    expect(serviceOfPath('/api/v1/open-data/datasets')).toBe('open-data');
    expect(serviceOfPath('/api/v1/me')).toBe('gateway');
    expect(serviceOfPath('/api/v1/node')).toBe('gateway');
    expect(serviceOfPath('/api/v1/catalogue/x')).toBe('gateway');
  });
});
