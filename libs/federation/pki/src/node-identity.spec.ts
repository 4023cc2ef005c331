import { mayCertify, nodeCodeFromUrn, nodeLevelOf, nodeUrn, pathLengthFor } from './node-identity.js';

const MINISTRY = '11100000000013338W';

describe('node identity', () => {
  it('names a node by urn:govdata:node:<code> and reads only valid codes back', () => {
    expect(nodeUrn('360100')).toBe('urn:govdata:node:360100');
    expect(nodeCodeFromUrn('urn:govdata:node:360100')).toBe('360100');
    expect(nodeCodeFromUrn(`urn:govdata:node:${MINISTRY}`)).toBe(MINISTRY);
    expect(nodeCodeFromUrn('urn:govdata:node:3601')).toBeNull();
    expect(nodeCodeFromUrn('https://node.example/360100')).toBeNull();
  });

  it('tells the level of a code', () => {
    expect(nodeLevelOf('100000')).toBe('national');
    expect(nodeLevelOf('360000')).toBe('provincial');
    expect(nodeLevelOf('360100')).toBe('municipal');
    expect(nodeLevelOf(MINISTRY)).toBe('ministry');
    expect(nodeLevelOf('360102')).toBeNull(); // a county is a tenant, not a node
  });

  it('lets each node certify only its own subtree', () => {
    expect(mayCertify('100000', '360000')).toBe(true);
    expect(mayCertify('100000', MINISTRY)).toBe(true);
    expect(mayCertify('100000', '360100')).toBe(false); // cities belong to their province
    expect(mayCertify('360000', '360100')).toBe(true);
    expect(mayCertify('360000', '361100')).toBe(true);
    expect(mayCertify('360000', '440100')).toBe(false);
    expect(mayCertify('360000', '440000')).toBe(false);
    expect(mayCertify('360000', '360000')).toBe(false);
    expect(mayCertify('360100', '360102')).toBe(false);
    expect(mayCertify(MINISTRY, '360000')).toBe(false);
  });

  it('shrinks the path length down the tree', () => {
    expect(pathLengthFor('national')).toBe(2);
    expect(pathLengthFor('provincial')).toBe(1);
    expect(pathLengthFor('municipal')).toBe(0);
    expect(pathLengthFor('ministry')).toBe(0);
  });
});
