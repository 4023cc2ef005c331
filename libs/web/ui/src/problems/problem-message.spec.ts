import { describe, expect, it } from 'vitest';
import { ROLE_NAMES } from '../roles.js';
import { ApiError } from './api-error.js';
import { describeProblem } from './problem-message.js';

describe('describeProblem', () => {
  it('names the permission and the roles a 403 from the guard names', () => {
    const error = new ApiError(403, 'catalog', {
      status: 403,
      code: 'forbidden',
      detail:
        'catalog.statistics.read needs catalog-reviewer or data-admin or auditor in an authority organisation of node 360100',
    });
    const message = describeProblem(error, ROLE_NAMES);
    expect(message.kind).toBe('forbidden');
    expect(message.permission).toBe('catalog.statistics.read');
    expect(message.roles).toEqual(['catalog-reviewer', 'data-admin', 'auditor']);
    expect(message.params['permission']).toBe('catalog.statistics.read');
  });

  it('keeps a 403 that names no permission as the service worded it', () => {
    const error = new ApiError(403, 'gateway', { detail: 'only the provider organisation may do this' });
    const message = describeProblem(error, ROLE_NAMES);
    expect(message.kind).toBe('forbidden');
    expect(message.permission).toBeUndefined();
    expect(message.detail).toBe('only the provider organisation may do this');
  });

  it('says which service is down on a 503', () => {
    const error = new ApiError(503, 'federation', {
      code: 'unavailable',
      detail: 'the federation service of this node cannot be reached',
    });
    const message = describeProblem(error, ROLE_NAMES);
    expect(message).toMatchObject({ kind: 'unavailable', titleKey: 'problem.unavailable.title' });
    expect(message.params['service']).toBe('federation');
  });

  it.each([
    [0, 'unreachable'],
    [401, 'signed-out'],
    [404, 'not-found'],
    [400, 'invalid'],
    [422, 'invalid'],
    [409, 'conflict'],
    [429, 'throttled'],
    [502, 'unavailable'],
    [500, 'failed'],
  ])('maps status %i to %s', (status, kind) => {
    expect(describeProblem(new ApiError(status, 'catalog', {}), ROLE_NAMES).kind).toBe(kind);
  });
});
