import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { ApiProblems, NODE_CONFIG, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { CatalogCalendarService, calendarYearBody, type CalendarView } from './catalog-calendar.service.js';
import { ApiCalendarYearBody, ApiDeadlineSettingsBody } from './clocks-api-docs.js';
import { yearParam } from './deadline-clock.dto.js';
import type { CalendarLoadResult } from './deadline-clock.service.js';
import { ChangeDeadlineSettingsUseCase } from './change-deadline-settings.usecase.js';
import { LoadCalendarYearUseCase } from './load-calendar-year.usecase.js';
import { deadlineSettingsBody, type DeadlineSettingsView } from './deadline-settings.js';
import { DeadlineSettingsService } from './deadline-settings.service.js';
import { ClockRule } from './clock.exception.js';

/** 时限设置 and 工作日历 — the node's deadline settings and the working-day calendar they count on. */
@ApiTags('catalog deadlines 时限')
@Controller('api/v1/catalog/settings')
export class ClockSettingsController {
  constructor(
    private readonly settings: DeadlineSettingsService,
    private readonly calendars: CatalogCalendarService,
    private readonly changeDeadlines: ChangeDeadlineSettingsUseCase,
    private readonly loadCalendarYear: LoadCalendarYearUseCase,
    private readonly dataSource: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** Any signed-in user of the platform may read the node's deadlines. */
  @Get('deadlines')
  @RequirePermission('catalog.reference.read')
  @ApiOperation({ summary: '时限设置 (the node’s deadline settings, in working days)' })
  deadlines(): Promise<DeadlineSettingsView> {
    return this.settings.view(this.dataSource.manager, this.config.node.code);
  }

  /** Replaces the four working-day counts; running clocks keep the count they started with. */
  @Put('deadlines')
  @RequirePermission('catalog.settings.write')
  @ApiOperation({ summary: '修改时限设置 (replace the deadline settings)', description: 'data-admin of this node.' })
  @ApiDeadlineSettingsBody()
  replaceDeadlines(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<DeadlineSettingsView> {
    const input = parseInput(deadlineSettingsBody, body);
    return this.dataSource.transaction((m) => this.changeDeadlines.execute(m, principal, this.config.node.code, input));
  }

  /** Which years the working-day calendar covers, and the notices loaded by hand. */
  @Get('calendar')
  @RequirePermission('catalog.reference.read')
  @ApiOperation({ summary: '工作日历 (years the working-day calendar covers)' })
  calendar(): Promise<CalendarView> {
    return this.calendars.view(this.dataSource.manager);
  }

  /** Loads a year's 国务院办公厅 holiday notice; clocks waiting for that year get their due dates. */
  @Put('calendar/:year')
  @RequirePermission('catalog.settings.write')
  @ApiOperation({
    summary: '加载年度节假日安排 (load a year’s holiday notice)',
    description: 'data-admin of this node; clocks waiting for the year get their due dates.',
  })
  @ApiCalendarYearBody()
  @ApiProblems(
    ClockRule.OfficialData,
    ClockRule.InYear,
    ClockRule.IncludesNewYear,
    ClockRule.WeekendOnly,
    ClockRule.NotAHoliday,
  )
  loadYear(
    @CurrentPrincipal() principal: Principal,
    @Param('year') year: string,
    @Body() body: unknown,
  ): Promise<CalendarLoadResult> {
    const y = parseInput(yearParam, year, 'year');
    const input = parseInput(calendarYearBody, body);
    return this.dataSource.transaction((m) =>
      this.loadCalendarYear.execute(m, principal, this.config.node.code, y, input),
    );
  }
}
