import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ApiProblems, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { ApiCloseClockBody, ApiOpenClockBody } from './clocks-api-docs.js';
import { clockFilterQuery, closeClockBody, idParam, openClockBody, overdueQuery } from './deadline-clock.dto.js';
import type { DeadlineClockView } from './deadline-clock.js';
import { DeadlineClockService, type OverdueReport } from './deadline-clock.service.js';
import { CloseRegistrationClockUseCase } from './close-registration-clock.usecase.js';
import { StartClockUseCase } from './start-clock.usecase.js';
import { ClockRule } from './clock.exception.js';

/** 时限 — working-day clocks: started by hand for changes and new resources, listed, overdue. */
@ApiTags('catalog deadlines 时限')
@Controller('api/v1/catalog/clocks')
export class DeadlineClocksController {
  constructor(
    private readonly clocks: DeadlineClockService,
    private readonly startClock: StartClockUseCase,
    private readonly closeRegistration: CloseRegistrationClockUseCase,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Records a change of duties or data (update) or a new system or resource (registration). */
  @Post()
  @RequirePermission('catalog.clock.write')
  @ApiOperation({
    summary: '开始计时 (start an update or registration clock)',
    description: 'catalog-editor of the organisation, or catalog-reviewer / data-admin of the node.',
  })
  @ApiOpenClockBody()
  @ApiProblems(
    ClockRule.NotAfterToday,
    ClockRule.KnownEntry,
    ClockRule.NotRetired,
    ClockRule.KnownOrganisation,
    ClockRule.CalendarRange,
  )
  open(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<DeadlineClockView> {
    const input = parseInput(openClockBody, body);
    return this.dataSource.transaction((m) => this.startClock.execute(m, principal, this.config.node.code, input));
  }

  @Get()
  @RequirePermission('catalog.clock.read')
  @ApiOperation({
    summary: '时限列表 (clocks)',
    description: '?entryId=&organisationId=&campaignId=&kind=&status=&limit=; editors see their organisation’s.',
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: unknown) {
    return this.clocks.list(
      this.dataSource.manager,
      principal,
      this.config.node.code,
      parseInput(clockFilterQuery, query),
    );
  }

  /** 逾期清单 — per organisation, with working days overdue. */
  @Get('overdue')
  @RequirePermission('catalog.clock.read')
  @ApiOperation({
    summary: '逾期清单 (overdue clocks per organisation)',
    description: 'Open clocks past their due date, and clocks whose due date the calendar cannot give yet.',
  })
  overdue(@CurrentPrincipal() principal: Principal, @Query() query: unknown): Promise<OverdueReport> {
    const { organisationId } = parseInput(overdueQuery, query);
    return this.clocks.overdue(this.dataSource.manager, principal, this.config.node.code, organisationId);
  }

  @Get(':id')
  @RequirePermission('catalog.clock.read')
  @ApiOperation({ summary: '时限详情 (one clock)' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DeadlineClockView> {
    return this.clocks.get(this.dataSource.manager, principal, this.config.node.code, parseInput(idParam, id, 'id'));
  }

  /** Closes a registration clock with the entry that registered the resource. */
  @Post(':id/close')
  @RequirePermission('catalog.clock.write')
  @HttpCode(200)
  @ApiOperation({ summary: '完成登记 (close a registration clock with the submitted entry)' })
  @ApiCloseClockBody()
  @ApiProblems(ClockRule.KnownEntry, ClockRule.SameOrganisation, ClockRule.SubmittedEntry)
  close(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<DeadlineClockView> {
    const clockId = parseInput(idParam, id, 'id');
    const { entryId } = parseInput(closeClockBody, body);
    return this.dataSource.transaction((m) =>
      this.closeRegistration.execute(m, principal, this.config.node.code, clockId, entryId),
    );
  }
}
