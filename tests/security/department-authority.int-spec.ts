import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEntry } from '../catalog/catalog-harness.js';
import { startDemandNode, type DemandNode } from '../demand/demand-harness.js';

/**
 * Regressions of the probe (issue 11, finding 2): a department's data-admin acted as the node's
 * authority, and could mint node-level roles in its own department. Accounts here are real users
 * created through the gateway and signed in, so their tokens say what the gateway says.
 */
describe('分域分级: a department data-admin is not the node authority', () => {
  let node: DemandNode;
  let admin: string;
  let departmentAdmin: string;
  let publishedOfOther: { id: string };

  async function login(username: string): Promise<string> {
    const res = await node.api('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', username, password: 'Kx7-Probe-Seal-2026!q' },
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(res.body)}`);
    return res.body.access_token as string;
  }

  beforeAll(async () => {
    node = await startDemandNode();
    const adminLogin = await node.api('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', username: 'admin', password: 'Catalog-Harness-2026!' },
    });
    admin = adminLogin.body.access_token as string;
    // orgA (a department, not an authority organisation) gets its own data-admin, like the demo's `applicant`.
    const created = await node.api('POST', '/api/v1/users', {
      token: admin,
      body: {
        organisationId: node.orgA.id,
        username: 'dept-admin',
        displayName: '部门数据管理员',
        password: 'Kx7-Probe-Seal-2026!q',
        roles: ['data-admin', 'demand-applicant'],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    departmentAdmin = await login('dept-admin');
    // orgB's entry, published by the node's authority (orgB is the harness's authority organisation).
    publishedOfOther = await node.publishEntry(node.orgB);
  }, 180_000);

  afterAll(async () => {
    await node?.close();
  });

  it("cannot publish or retire another department's entry", async () => {
    // Publishing is refused at the door whatever the entry's state.
    const publish = await node.api('POST', `/api/v1/catalog/entries/${publishedOfOther.id}/publish`, {
      token: departmentAdmin,
      body: {},
    });
    expect(publish.status).toBe(403);
    const retire = await node.api('POST', `/api/v1/catalog/entries/${publishedOfOther.id}/retire`, {
      token: departmentAdmin,
      body: { reason: '探测' },
    });
    expect(retire.status).toBe(403);
  });

  it("cannot change the node's deadlines, grade policy, classifications, data elements, legal grounds or campaigns", async () => {
    const attempts: Array<[string, string, unknown]> = [
      ['PUT', '/api/v1/catalog/settings/deadlines', {}],
      ['PUT', '/api/v1/catalog/settings/grade-policy', {}],
      ['PUT', '/api/v1/catalog/settings/calendar/2031', {}],
      ['POST', '/api/v1/catalog/classifications', { code: '109999', name: '探测' }],
      ['POST', '/api/v1/catalog/data-elements', { identifier: 'DE99999', name: '探测' }],
      ['POST', '/api/v1/demand/legal-grounds', { code: 'PROBE', title: '探测' }],
      ['POST', '/api/v1/catalog/campaigns', { year: 2026 }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await node.api(method, path, { token: departmentAdmin, body });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('cannot create users with operator or catalog-reviewer in its department', async () => {
    for (const role of ['operator', 'catalog-reviewer', 'auditor', 'node-admin'] as const) {
      const res = await node.api('POST', '/api/v1/users', {
        token: departmentAdmin,
        body: {
          organisationId: node.orgA.id,
          username: `minted-${role}`,
          displayName: '探测',
          password: 'Kx8-Probe-Seal-2026!q',
          roles: [role],
        },
      });
      expect(res.status, role).toBe(403);
    }
    // Its own department's organisation-level roles it may still grant.
    const editor = await node.api('POST', '/api/v1/users', {
      token: departmentAdmin,
      body: {
        organisationId: node.orgA.id,
        username: 'dept-editor',
        displayName: '部门编目员',
        password: 'Kx9-Probe-Seal-2026!q',
        roles: ['catalog-editor'],
      },
    });
    expect(editor.status).toBe(201);
    // Even a node-admin cannot put a node-level role in a department: 422 naming roles.
    const nodeRoleInDepartment = await node.api('POST', '/api/v1/users', {
      token: admin,
      body: {
        organisationId: node.orgA.id,
        username: 'dept-reviewer',
        displayName: '部门审核员',
        password: 'Kx6-Probe-Seal-2026!q',
        roles: ['catalog-reviewer'],
      },
    });
    expect(nodeRoleInDepartment.status).toBe(422);
    expect(JSON.stringify(nodeRoleInDepartment.body)).toContain('node-role-in-authority-organisation');
  });

  it('does not let a catalog-reviewer outside an authority organisation approve entries', async () => {
    const editor = await node.token(node.orgB, ['catalog-editor'], 'editor-b2');
    const created = await node.api('POST', '/api/v1/catalog/entries', {
      token: editor,
      body: { content: sampleEntry({ name: '企业年报信息' }) },
    });
    expect(created.status).toBe(201);
    expect(
      (await node.api('POST', `/api/v1/catalog/entries/${created.body.id}/submit`, { token: editor, body: {} })).status,
    ).toBe(200);
    const departmentReviewer = await node.token(node.orgA, ['catalog-reviewer'], 'reviewer-in-department');
    const approve = await node.api('POST', `/api/v1/catalog/entries/${created.body.id}/approve`, {
      token: departmentReviewer,
      body: {},
    });
    expect(approve.status).toBe(403);
    const authorityReviewer = await node.token(node.orgB, ['catalog-reviewer'], 'reviewer-of-authority');
    const approved = await node.api('POST', `/api/v1/catalog/entries/${created.body.id}/approve`, {
      token: authorityReviewer,
      body: {},
    });
    expect(approved.status).toBe(200);
  });
});
