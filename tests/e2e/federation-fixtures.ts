import { catalogService } from '@govdata/catalog-feature';
import { federationService, initNodeKey } from '@govdata/federation-feature';
import { gatewayService } from '@govdata/gateway-node';
import { freePort } from '@govdata/platform-testing';
import { startPortalNode, type PortalNode, type PortalOrganisation } from './portal-harness.js';

/**
 * What the federation pages need of a node: its gateway (and portal), its federation service, and
 * the catalog, whose published entries are what travels up the link and what anti-entropy compares.
 */
const FEDERATION_NODE = [gatewayService, catalogService, federationService];

/**
 * A parent (the national node, the root of the tree) and a child (江西, provincial) that knows its
 * parent's addresses but is not enrolled yet: the test enrols it through the parent's portal.
 */
export interface ParentAndChild {
  parent: PortalNode;
  child: PortalNode;
  close(): Promise<void>;
}

export async function startParentAndChild(): Promise<ParentAndChild> {
  const parent = await startPortalNode({
    services: FEDERATION_NODE,
    overrides: {
      node: { code: '100000', name: '国家政务数据共享交换平台', level: 'national' },
      services: { federation: { link: await freePort() } },
    },
  });
  let child: PortalNode | undefined;
  try {
    // The root of the tree signs its own certificate; its children's are signed with it.
    await initNodeKey(parent.config);
    child = await startPortalNode({
      services: FEDERATION_NODE,
      overrides: {
        node: {
          code: '360000',
          name: '江西省政务数据共享平台',
          level: 'provincial',
          parent: {
            code: '100000',
            gateway: parent.baseUrl,
            federation: `127.0.0.1:${parent.config.services.federation.link}`,
          },
        },
        services: { federation: { link: await freePort() } },
      },
    });
  } catch (error) {
    await parent.close();
    throw error;
  }
  const started = child;
  return {
    parent,
    child: started,
    async close() {
      await started.close();
      await parent.close();
    },
  };
}

/** The node's root organisation (where node-level roles take effect), as its bootstrap admin sees it. */
export async function rootOrganisation(node: PortalNode): Promise<PortalOrganisation> {
  const me = await node.api<{ organisation: PortalOrganisation }>('GET', '/api/v1/me', { token: node.adminToken });
  if (me.status !== 200) throw new Error(`GET /me at ${node.config.node.code}: ${JSON.stringify(me.body)}`);
  return { id: me.body.organisation.id, name: me.body.organisation.name };
}
