import { Controller } from '@nestjs/common';
import { identityV1 } from '@govdata/contracts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../paging/cursor.js';
import type { Organisation, OrganisationKind } from './organisation.js';
import { idParam } from './organisation.dto.js';
import { OrganisationService } from './organisation.service.js';
import { parseInput } from '@govdata/platform-service';

const KIND_TO_PROTO: Record<OrganisationKind, identityV1.OrganisationKind> = {
  department: identityV1.OrganisationKind.ORGANISATION_KIND_DEPARTMENT,
  government: identityV1.OrganisationKind.ORGANISATION_KIND_GOVERNMENT,
  public_institution: identityV1.OrganisationKind.ORGANISATION_KIND_PUBLIC_INSTITUTION,
  enterprise: identityV1.OrganisationKind.ORGANISATION_KIND_ENTERPRISE,
};

/** govdata.identity.v1.OrganisationDirectoryService — the node's organisations for its other services. */
@Controller()
@identityV1.OrganisationDirectoryServiceControllerMethods()
export class OrganisationDirectoryGrpcController implements identityV1.OrganisationDirectoryServiceController {
  constructor(private readonly organisations: OrganisationService) {}

  async getOrganisation(request: identityV1.GetOrganisationRequest): Promise<identityV1.GetOrganisationResponse> {
    return { organisation: toProto(await this.organisations.get(parseInput(idParam, request.id, 'id'))) };
  }

  async listOrganisations(request: identityV1.ListOrganisationsRequest): Promise<identityV1.ListOrganisationsResponse> {
    const size = request.pageSize > 0 ? Math.min(request.pageSize, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    const page = await this.organisations.list(size, request.pageToken || undefined, 'pageToken');
    return { organisations: page.items.map(toProto), nextPageToken: page.nextCursor ?? '' };
  }
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
