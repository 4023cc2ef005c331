import { catalogService } from '@govdata/catalog-feature';
import { demandService } from '@govdata/demand-feature';
import { exchangeService } from '@govdata/exchange-feature';
import { federationService, fetchEnrolment, initNodeKey, requestEnrolment } from '@govdata/federation-feature';
import { gatewayService } from '@govdata/gateway-node';
import { freePort } from '@govdata/platform-testing';
import { startPortalNode, type PortalNode } from './portal-harness.js';

/** Every service a person's work across nodes touches: catalog, demand, exchange, federation. */
const FULL_NODE = [gatewayService, catalogService, demandService, exchangeService, federationService];

/**
 * Two nodes of the tree, each serving its portal: 江西 (provincial) and 南昌 (city, its child),
 * below a national node that runs only the gateway and federation. Each is enrolled the way
 * operators enrol a node (token → CSR → approve → install), so entries replicate up and
 * applications, decisions and calls travel along the real link.
 */
export interface PortalTree {
  jiangxi: PortalNode;
  nanchang: PortalNode;
  close(): Promise<void>;
}

export async function startPortalTree(): Promise<PortalTree> {
  // 江西 holds a certificate of the national node to sign its children's: national runs only what
  // enrolment and the link need.
  const national = await startPortalNode({
    services: [gatewayService, federationService],
    overrides: { services: { federation: { link: await freePort() } } },
  });
  const started: PortalNode[] = [national];
  try {
    await initNodeKey(national.config);
    const jiangxi = await startChild(national, { code: '360000', name: '江西省政务数据共享平台', level: 'provincial' });
    started.push(jiangxi);
    const nanchang = await startChild(jiangxi, { code: '360100', name: '南昌市政务数据共享平台', level: 'municipal' });
    started.push(nanchang);
    return {
      jiangxi,
      nanchang,
      async close() {
        for (const node of started.reverse()) await node.close();
      },
    };
  } catch (error) {
    for (const node of started.reverse()) await node.close();
    throw error;
  }
}

/** A full node below `parent`, enrolled. */
async function startChild(
  parent: PortalNode,
  node: { code: string; name: string; level: 'provincial' | 'municipal' },
): Promise<PortalNode> {
  const child = await startPortalNode({
    services: FULL_NODE,
    overrides: {
      node: {
        ...node,
        parent: {
          code: parent.config.node.code,
          gateway: parent.baseUrl,
          federation: `127.0.0.1:${parent.config.services.federation.link}`,
        },
      },
      services: { federation: { link: await freePort() } },
    },
  });
  try {
    await enrol(parent, child);
  } catch (error) {
    await child.close();
    throw error;
  }
  return child;
}

/** The parent's administrator issues a token naming the child; the child asks with it; the parent approves. */
async function enrol(parent: PortalNode, child: PortalNode): Promise<void> {
  const { code, name, level } = child.config.node;
  const issued = await parent.api<{ token: string }>('POST', '/api/v1/federation/enrolment-tokens', {
    token: parent.adminToken,
    body: { childCode: code, childName: name, level },
  });
  if (issued.status !== 201) throw new Error(`enrolment token for ${code}: ${JSON.stringify(issued.body)}`);
  await initNodeKey(child.config);
  const request = await requestEnrolment(child.config, issued.body.token);
  const approved = await parent.api('POST', `/api/v1/federation/enrolments/${request.id}/approve`, {
    token: parent.adminToken,
    body: {},
  });
  if (approved.status !== 200) throw new Error(`approving ${code}: ${JSON.stringify(approved.body)}`);
  const installed = await fetchEnrolment(child.config);
  if (!installed.installed) throw new Error(`enrolment of ${code} not installed: ${installed.status}`);
}
