import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import type { FieldProblem } from '@govdata/platform-errors';
import { ApiProblems, parseInput } from '@govdata/platform-service';
import type { Page } from '../paging/cursor.js';
import type { Organisation } from './organisation.js';
import { OrganisationRule } from './organisation.exception.js';
import {
  createOrganisationBody,
  idParam,
  pageQuery,
  parseOrganisationBody,
  updateOrganisationBody,
} from './organisation.dto.js';
import { OrganisationService } from './organisation.service.js';

/** An organisation as the API shows it; `warnings` name what was accepted but deserves a look. */
export type OrganisationResponse = Organisation & { warnings?: FieldProblem[] };

/** 组织机构 — `/api/v1/organisations`. Reading needs any valid token; writing needs node-admin. */
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationService) {}

  @Post()
  @RequirePermission('identity.organisation.write')
  @ApiProblems(OrganisationRule.ParentExists, OrganisationRule.ParentActive)
  async create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<OrganisationResponse> {
    const input = parseOrganisationBody(createOrganisationBody, body);
    const { value, warnings } = await this.organisations.create(principal, input);
    return { ...value, warnings };
  }

  @Get()
  @RequirePermission('identity.organisation.read')
  list(@Query() query: unknown): Promise<Page<Organisation>> {
    const { limit, cursor } = parseInput(pageQuery, query);
    return this.organisations.list(limit, cursor);
  }

  @Get(':id')
  @RequirePermission('identity.organisation.read')
  get(@Param('id') id: string): Promise<Organisation> {
    return this.organisations.get(parseInput(idParam, id, 'id'));
  }

  @Patch(':id')
  @RequirePermission('identity.organisation.write')
  @ApiProblems(
    OrganisationRule.ParentExists,
    OrganisationRule.ParentActive,
    OrganisationRule.ParentCycle,
    OrganisationRule.RootHasNoParent,
    OrganisationRule.RootIsAuthority,
    OrganisationRule.RootStaysActive,
  )
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<OrganisationResponse> {
    const input = parseOrganisationBody(updateOrganisationBody, body);
    const { value, warnings } = await this.organisations.update(principal, parseInput(idParam, id, 'id'), input);
    return { ...value, warnings };
  }
}
