import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import * as identityV1 from './generated/govdata/identity/v1/organisation_directory.js';
import * as nodeV1 from './generated/govdata/node/v1/service_status.js';
import { IDENTITY_V1, NODE_V1, PROTO_LOADER_OPTIONS, PROTO_ROOT, PROTO_SERVICES } from './proto-paths.js';

type Codec = {
  requestSerialize(value: unknown): Buffer;
  responseSerialize(value: unknown): Buffer;
  responseDeserialize(bytes: Buffer): unknown;
};

describe('proto paths', () => {
  it('finds the proto root of the repository', () => {
    expect(isAbsolute(PROTO_ROOT)).toBe(true);
    expect(existsSync(join(PROTO_ROOT, 'govdata'))).toBe(true);
  });

  it('points every service at an existing proto file, matching the generated code', () => {
    for (const service of PROTO_SERVICES) {
      expect(existsSync(service.path), service.path).toBe(true);
      expect(service.path).toBe(join(PROTO_ROOT, service.file));
    }
    expect(NODE_V1).toMatchObject({ package: nodeV1.GOVDATA_NODE_V1_PACKAGE_NAME, file: nodeV1.protobufFileName });
    expect(NODE_V1.service).toBe(nodeV1.SERVICE_STATUS_SERVICE_NAME);
    expect(IDENTITY_V1).toMatchObject({ package: identityV1.protobufPackage, file: identityV1.protobufFileName });
    expect(IDENTITY_V1.service).toBe(identityV1.ORGANISATION_DIRECTORY_SERVICE_NAME);
  });
});

// At runtime @grpc/proto-loader (de)serialises; these prove its objects have the generated types' shape.
describe('wire round trip with PROTO_LOADER_OPTIONS', () => {
  const definition = loadSync([NODE_V1.file, IDENTITY_V1.file], PROTO_LOADER_OPTIONS);
  const method = (service: string, name: string) => (definition[service] as unknown as Record<string, Codec>)[name]!;

  it('keeps int64 milliseconds as numbers, enums as numbers and an absent optional absent', () => {
    const getOrganisation = method('govdata.identity.v1.OrganisationDirectoryService', 'GetOrganisation');
    const sent: identityV1.GetOrganisationResponse = {
      organisation: {
        id: '6f1c2a4e-8d3b-4f0a-9c7e-1b2d3e4f5a6b',
        nodeCode: '360000',
        name: '江西省公安厅',
        uscc: '11360000014500000X',
        regionCode: '360000',
        kind: identityV1.OrganisationKind.ORGANISATION_KIND_DEPARTMENT,
        createdAtMs: 1_732_320_000_123,
        updatedAtMs: 1_732_320_000_456,
      },
    };
    const received = getOrganisation.responseDeserialize(getOrganisation.responseSerialize(sent));
    expect(received).toEqual(sent);
    expect(received).not.toHaveProperty('organisation.parentId');

    const child = { organisation: { ...sent.organisation!, parentId: '0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70' } };
    expect(getOrganisation.responseDeserialize(getOrganisation.responseSerialize(child))).toEqual(child);
  });

  it('fills zero values and empty lists, as the generated interfaces require', () => {
    const describeMethod = method('govdata.node.v1.ServiceStatusService', 'Describe');
    const received = describeMethod.responseDeserialize(
      describeMethod.responseSerialize({}),
    ) as nodeV1.DescribeResponse;
    expect(received).toEqual({
      nodeCode: '',
      nodeName: '',
      nodeLevel: '',
      service: '',
      version: '',
      startedAtMs: 0,
      ready: false,
      checks: [],
    } satisfies nodeV1.DescribeResponse);

    const status: nodeV1.DescribeResponse = {
      ...received,
      nodeCode: '360000',
      service: 'catalog',
      startedAtMs: Date.UTC(2025, 0, 1),
      ready: false,
      checks: [{ name: 'postgres', ok: false, detail: 'connection refused' }],
    };
    expect(describeMethod.responseDeserialize(describeMethod.responseSerialize(status))).toEqual(status);
  });
});
