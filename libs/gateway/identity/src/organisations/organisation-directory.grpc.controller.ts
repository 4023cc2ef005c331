import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { identityV1 } from '@govdata/contracts';
import { AllowedCallers, grpcCallerOf, nodeRoles, type GrpcCaller } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ErrorCode, GovdataError } from '@govdata/platform-errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../paging/cursor.js';
import type { Organisation, OrganisationKind } from './organisation.js';
import { idParam } from './organisation.dto.js';
import { OrganisationService } from './organisation.service.js';
import { NODE_CONFIG, parseInput } from '@govdata/platform-service';

const KIND_TO_PROTO: Record<OrganisationKind, identityV1.OrganisationKind> = {
  department: identityV1.OrganisationKind.ORGANISATION_KIND_DEPARTMENT,
  government: identityV1.OrganisationKind.ORGANISATION_KIND_GOVERNMENT,
  public_institution: identityV1.OrganisationKind.ORGANISATION_KIND_PUBLIC_INSTITUTION,
  enterprise: identityV1.OrganisationKind.ORGANISATION_KIND_ENTERPRISE,
};

/**
 * govdata.identity.v1.OrganisationDirectoryService — the node's organisations for its other services,
 * and for the node's node-admins and auditors (every organisation) and data-admins (their own).
 */
@Controller()
@AllowedCallers({ services: 'any', users: ['node-admin', 'auditor', 'data-admin'], usersOfThisNode: true })
@identityV1.OrganisationDirectoryServiceControllerMethods()
export class OrganisationDirectoryGrpcController implements identityV1.OrganisationDirectoryServiceController {
  constructor(
    private readonly organisations: OrganisationService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  async getOrganisation(
    request: identityV1.GetOrganisationRequest,
    metadata?: Metadata,
  ): Promise<identityV1.GetOrganisationResponse> {
    const id = parseInput(idParam, request.id, 'id');
    const only = ownOrganisationOnly(grpcCallerOf(metadata), this.config.node.code);
    if (only && only !== id)
      throw GovdataError.forbidden('数据管理员只能查看本机构 (a data-admin may read its own organisation only)');
    return { organisation: toProto(await this.organisations.get(id)) };
  }

  async listOrganisations(
    request: identityV1.ListOrganisationsRequest,
    metadata?: Metadata,
  ): Promise<identityV1.ListOrganisationsResponse> {
    const only = ownOrganisationOnly(grpcCallerOf(metadata), this.config.node.code);
    if (only) {
      const own = request.pageToken ? null : await this.organisations.get(only).catch(absentAsNull);
      return { organisations: own ? [toProto(own)] : [], nextPageToken: '' };
    }
    const size = request.pageSize > 0 ? Math.min(request.pageSize, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    const page = await this.organisations.list(size, request.pageToken || undefined, 'pageToken');
    return { organisations: page.items.map(toProto), nextPageToken: page.nextCursor ?? '' };
  }
}

/** The one organisation a caller may see, or undefined when it may see them all. */
function ownOrganisationOnly(caller: GrpcCaller, thisNode: string): string | undefined {
  if (caller.service) return undefined;
  const user = caller.user;
  if (!user) throw GovdataError.unauthenticated();
  const nodeWide = nodeRoles(user, thisNode);
  if (nodeWide.includes('node-admin') || nodeWide.includes('auditor')) return undefined;
  return user.organisationId;
}

function absentAsNull(error: unknown): null {
  if (error instanceof GovdataError && error.code === ErrorCode.NotFound) return null;
  throw error;
}

function toProto(o: Organisation): identityV1.Organisation {
  return {
    id: o.id,
    nodeCode: o.nodeCode,
    name: o.name,
    uscc: o.uscc,
    regionCode: o.regionCode,
    parentId: o.parentId ?? undefined,
    kind: KIND_TO_PROTO[o.kind],
    createdAtMs: o.createdAt.getTime(),
    updatedAtMs: o.updatedAt.getTime(),
  };
}
