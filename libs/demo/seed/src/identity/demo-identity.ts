import type { Role } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import type { EventPublisher } from '@govdata/platform-messaging';
import {
  ensureRootOrganisation,
  hashSecret,
  insertOrganisation,
  lockIdentityBootstrap,
  nodeRegionCode,
  OrganisationRepository,
  UserRepository,
  type Organisation,
  type OrganisationKind,
} from '@govdata/gateway-identity';
import type { DataSource, EntityManager } from 'typeorm';

/** Environment switch the demo launcher sets on its nodes; `govdata node start` then adds the demo seed. */
export const DEMO_ENV = 'GOVDATA_DEMO';

/** DEMO ONLY — the password of every demo account. Never run a real node with GOVDATA_DEMO=1. */
export const DEMO_PASSWORD = 'Govdata@2026';

/**
 * Where a demo account sits: the node's root organisation, its data authority, a data-providing
 * department, or a department that applies for others' data.
 */
export type DemoPlacement = 'root' | 'authority' | 'provider' | 'consumer';

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
  organisation: DemoPlacement;
}

/** The demo accounts every demo node gets (the README lists them; a test keeps both in step). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'admin',
    password: DEMO_PASSWORD,
    displayName: '平台管理员',
    roles: ['node-admin'],
    organisation: 'root',
  },
  {
    username: 'editor',
    password: DEMO_PASSWORD,
    displayName: '目录编目员',
    roles: ['catalog-editor'],
    organisation: 'provider',
  },
  {
    username: 'reviewer',
    password: DEMO_PASSWORD,
    displayName: '目录审核员',
    roles: ['catalog-reviewer'],
    organisation: 'authority',
  },
  {
    username: 'dataadmin',
    password: DEMO_PASSWORD,
    displayName: '数据管理员',
    roles: ['data-admin'],
    organisation: 'authority',
  },
  {
    username: 'auditor',
    password: DEMO_PASSWORD,
    displayName: '审计员',
    roles: ['auditor'],
    organisation: 'authority',
  },
  {
    username: 'applicant',
    password: DEMO_PASSWORD,
    displayName: '数据需求申请人',
    roles: ['data-admin', 'demand-applicant'],
    organisation: 'consumer',
  },
  {
    username: 'approver',
    password: DEMO_PASSWORD,
    displayName: '需求部门审批人',
    roles: ['demand-approver'],
    organisation: 'consumer',
  },
  {
    username: 'provider',
    password: DEMO_PASSWORD,
    displayName: '数据提供方审核人',
    roles: ['data-admin', 'provider-reviewer'],
    organisation: 'provider',
  },
];

export interface DemoOrganisation {
  name: string;
  kind: OrganisationKind;
  /**
   * Fictitious but valid 统一社会信用代码: prefix 11 (党政机关) or 12 (事业单位), the node's region,
   * a made-up 组织机构代码 with its GB 11714 check character, and the GB 32100 check digit.
   */
  uscc: string;
  placement?: Exclude<DemoPlacement, 'root'>;
  /** USCC of the parent among these; the node's root organisation when absent. */
  parentUscc?: string;
}

/** Organisations of the four demo nodes (deploy/demo/node-*.yaml). */
export const DEMO_ORGANISATIONS: Readonly<Record<string, readonly DemoOrganisation[]>> = {
  '100000': [
    { name: '国家数据局', kind: 'department', uscc: '11100000000014015P', placement: 'authority' },
    { name: '公安部', kind: 'department', uscc: '11100000000014023J' },
    { name: '国家市场监督管理总局', kind: 'department', uscc: '11100000000014031D', placement: 'provider' },
    { name: '国家医疗保障局', kind: 'department', uscc: '1110000000001404X5', placement: 'consumer' },
    { name: '自然资源部', kind: 'department', uscc: '111000000000140660' },
  ],
  '360000': [
    { name: '江西省政务服务管理办公室', kind: 'department', uscc: '11360000014501017E', placement: 'authority' },
    { name: '江西省公安厅', kind: 'department', uscc: '113600000145010259', placement: 'provider' },
    { name: '江西省市场监督管理局', kind: 'department', uscc: '113600000145010334' },
    { name: '江西省人力资源和社会保障厅', kind: 'department', uscc: '11360000014501041Y', placement: 'consumer' },
    { name: '江西省医疗保障局', kind: 'department', uscc: '1136000001450105XN' },
    { name: '江西省自然资源厅', kind: 'department', uscc: '11360000014501068N' },
  ],
  '360100': [
    { name: '南昌市数据局', kind: 'department', uscc: '113601000146010189', placement: 'authority' },
    { name: '南昌市公安局', kind: 'department', uscc: '113601000146010264', placement: 'provider' },
    { name: '南昌市市场监督管理局', kind: 'department', uscc: '11360100014601034Y' },
    { name: '南昌市人力资源和社会保障局', kind: 'department', uscc: '11360100014601042R', placement: 'consumer' },
    { name: '南昌市自然资源和规划局', kind: 'department', uscc: '11360100014601077C' },
    { name: '南昌住房公积金管理中心', kind: 'public_institution', uscc: '12360100146010500P' },
  ],
  // The ministry node's code is the ministry's own USCC.
  '11100000000013338W': [
    { name: '人力资源和社会保障部', kind: 'department', uscc: '11100000000013338W', placement: 'authority' },
    {
      name: '人力资源和社会保障部信息中心',
      kind: 'public_institution',
      uscc: '121000000000190195',
      placement: 'consumer',
      parentUscc: '11100000000013338W',
    },
    {
      name: '人力资源和社会保障部社会保险事业管理中心',
      kind: 'public_institution',
      uscc: '121000000000190270',
      placement: 'provider',
      parentUscc: '11100000000013338W',
    },
  ],
};

export interface DemoSeedResult {
  organisationsCreated: number;
  usersCreated: number;
}

/**
 * Seeds a demo node: its organisations (with their events) and the {@link DEMO_ACCOUNTS}, all with
 * {@link DEMO_PASSWORD}. Skips whatever exists, so it is safe on every start. A node without demo
 * organisations gets the accounts in its root organisation.
 */
export async function seedDemoIdentity(
  dataSource: DataSource,
  publisher: EventPublisher,
  config: NodeConfig,
): Promise<DemoSeedResult> {
  const organisations = new OrganisationRepository();
  const users = new UserRepository();
  const nodeCode = config.node.code;
  const region = nodeRegionCode(config);
  return dataSource.transaction(async (manager) => {
    await lockIdentityBootstrap(manager);
    const result: DemoSeedResult = { organisationsCreated: 0, usersCreated: 0 };
    const { root, created } = await ensureRootOrganisation(manager, publisher, config);
    if (created) result.organisationsCreated++;
    const placed: Record<DemoPlacement, Organisation> = { root, authority: root, provider: root, consumer: root };
    const byUscc = new Map<string, Organisation>();
    for (const demo of DEMO_ORGANISATIONS[nodeCode] ?? []) {
      let organisation = await organisations.findByUscc(manager, nodeCode, demo.uscc);
      if (!organisation) {
        const parent = demo.parentUscc ? byUscc.get(demo.parentUscc) : root;
        organisation = await insertOrganisation(manager, publisher, {
          nodeCode,
          name: demo.name,
          uscc: demo.uscc,
          regionCode: region,
          kind: demo.kind,
          parentId: (parent ?? root).id,
          authority: demo.placement === 'authority',
        });
        result.organisationsCreated++;
      } else if (demo.placement === 'authority' && !organisation.authority) {
        // A demo seeded before authority organisations existed: the data authority becomes one.
        organisation = await organisations.update(manager, nodeCode, organisation.id, { authority: true });
      }
      byUscc.set(demo.uscc, organisation);
      if (demo.placement) placed[demo.placement] = organisation;
    }
    for (const account of DEMO_ACCOUNTS) {
      if (await createDemoUser(manager, users, placed[account.organisation].id, account)) result.usersCreated++;
    }
    return result;
  });
}

async function createDemoUser(
  manager: EntityManager,
  users: UserRepository,
  organisationId: string,
  account: DemoAccount,
): Promise<boolean> {
  if (await users.usernameTaken(manager, account.username)) return false;
  const passwordHash = await hashSecret(account.password);
  await users.insert(
    manager,
    { organisationId, username: account.username, displayName: account.displayName, passwordHash },
    account.roles,
  );
  return true;
}
