import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@govdata/platform-testing';
import { PERSONS_OPENAPI } from '../exchange/exchange-harness.js';
import type { PortalNode, PortalOrganisation, PortalUser } from './portal-harness.js';

/**
 * What the exchange pages' end-to-end test stands on beyond the portal harness: the upstream's
 * OpenAPI document as a file on disk (the data-admin uploads it in the browser), a grant produced
 * the way the platform produces one (an application filed and approved through the demand API by
 * the people themselves), and a service account of the consumer that makes real calls.
 */

/**
 * The persons API of tests/exchange (PersonsUpstream answers it), with the response schema of its
 * list so that the registration form offers the answer's fields for mapping.
 */
export const PERSONS_DOCUMENT = {
  ...PERSONS_OPENAPI,
  paths: {
    ...PERSONS_OPENAPI.paths,
    '/persons': {
      get: {
        operationId: 'listPersons',
        summary: '查询人口基本信息',
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    code: { type: 'integer' },
                    msg: { type: 'string' },
                    data: {
                      type: 'object',
                      properties: {
                        total: { type: 'integer' },
                        list: { type: 'array', items: { $ref: '#/components/schemas/Person' } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Person: {
        type: 'object',
        properties: Object.fromEntries(
          ['xm', 'sfzh', 'sjh', 'zz', 'csrq', 'bz'].map((field) => [field, { type: 'string' }]),
        ),
      },
    },
  },
};

/** Writes the document where a file chooser can pick it; returns its path. */
export function openApiFile(name = 'persons-openapi.json'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'govdata-e2e-openapi-')), name);
  writeFileSync(path, JSON.stringify(PERSONS_DOCUMENT, null, 2));
  return path;
}

async function expectStatus(answer: Promise<{ status: number; body: unknown }>, status: number, what: string) {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`${what}: ${got} ${JSON.stringify(body)}`);
  return body;
}

/**
 * 共享申请 → 授权: the applicant files an application for the entry's items, the department's
 * approver and the provider's reviewer approve it (through the demand API, as they would in the
 * portal), and the exchange issues the grant from the demand service's event. Returns the grant.
 */
export async function grantThroughDemand(
  node: PortalNode,
  people: { applicant: PortalUser; approver: PortalUser; providerReviewer: PortalUser; reader: PortalUser },
  entryId: string,
  items: string[],
): Promise<{ id: string; applicationId: string }> {
  const filed = (await expectStatus(
    node.api('POST', '/api/v1/demand/applications', {
      token: await people.applicant.token(),
      body: {
        target: { kind: 'entry', entryId },
        requestedItems: items,
        purpose: '核验最低生活保障申请人的户籍信息',
        legalBasis: '《社会救助暂行办法》第十一条',
        validUntil: `${new Date().getUTCFullYear() + 1}-06-30`,
      },
    }),
    201,
    'filing the application',
  )) as { id: string };
  for (const person of [people.approver, people.providerReviewer]) {
    await expectStatus(
      node.api('POST', `/api/v1/demand/applications/${filed.id}/approve`, { token: await person.token(), body: {} }),
      200,
      `${person.displayName} approving`,
    );
  }
  const token = await people.reader.token();
  const grant = await waitFor(
    async () => {
      const grants = await node.api<{ items: Array<{ id: string; applicationId: string }> }>(
        'GET',
        '/api/v1/exchange/grants?side=consumer',
        { token },
      );
      return grants.body.items?.find((g) => g.applicationId === filed.id);
    },
    30_000,
    'the grant issued by the exchange',
  );
  return { id: grant.id, applicationId: filed.id };
}

/** A service account of the organisation with the api-consumer role, logged in with client credentials. */
export async function consumerAccount(node: PortalNode, organisation: PortalOrganisation): Promise<string> {
  const created = (await expectStatus(
    node.api('POST', '/api/v1/service-accounts', {
      token: node.adminToken,
      body: { organisationId: organisation.id, name: '民政前置机', roles: ['api-consumer'] },
    }),
    201,
    'creating the service account',
  )) as { client_id: string; client_secret: string };
  const login = (await expectStatus(
    node.api('POST', '/api/v1/auth/token', {
      body: { grant_type: 'client_credentials', client_id: created.client_id, client_secret: created.client_secret },
    }),
    200,
    'client credentials',
  )) as { access_token: string };
  return login.access_token;
}
