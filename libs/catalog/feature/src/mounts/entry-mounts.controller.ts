import { Body, Controller, Delete, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiZodBody } from '@govdata/platform-service';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import type { MountView } from './entry-mount.js';
import { EntryMountService } from './entry-mount.service.js';
import { MountResourceUseCase } from './mount-resource.usecase.js';
import { UnmountResourceUseCase } from './unmount-resource.usecase.js';
import { mountBody } from './mount.dto.js';
import { MountRule, SOURCE_CHECK_RULES } from './mount.exception.js';
import { OpenApiDocumentRule } from '@govdata/openapi-document';

const idParam = z.uuid();

/**
 * 目录—数据 — `/api/v1/catalog/entries/:id/mounts`: the tables, APIs and files behind an entry.
 * Credentials go in and never come out.
 */
@ApiTags('catalog mounts 目录挂接')
@Controller('api/v1/catalog/entries/:id/mounts')
export class EntryMountsController {
  constructor(
    private readonly mounts: EntryMountService,
    private readonly mountResource: MountResourceUseCase,
    private readonly unmountResource: UnmountResourceUseCase,
  ) {}

  @ApiOperation({ summary: '挂接资源 (mount a table, an API or a file to the entry)' })
  @ApiZodBody(mountBody)
  @ApiProblems(
    MountRule.DataSourceExists,
    MountRule.DataSourceOfProvider,
    ...SOURCE_CHECK_RULES,
    MountRule.TableExists,
    MountRule.ItemOfEntry,
    MountRule.ColumnExists,
    MountRule.Unique,
    MountRule.Size,
    MountRule.MatchesContent,
    ...Object.values(OpenApiDocumentRule),
  )
  @Post()
  @RequirePermission('catalog.mount.write')
  mount(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown): Promise<MountView> {
    return this.mountResource.execute(principal, parseInput(idParam, id, 'id'), parseInput(mountBody, body));
  }

  @ApiOperation({ summary: '挂接列表 (mounts of the entry)' })
  @Get()
  @RequirePermission('catalog.mount.read')
  list(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<{ items: MountView[] }> {
    return this.mounts.list(principal, parseInput(idParam, id, 'id'));
  }

  @ApiOperation({ summary: '挂接详情 (one mount)' })
  @Get(':mountId')
  @RequirePermission('catalog.mount.read')
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('mountId') mountId: string,
  ): Promise<MountView> {
    return this.mounts.get(principal, parseInput(idParam, id, 'id'), parseInput(idParam, mountId, 'mountId'));
  }

  /** The stored file, or the API's OpenAPI document. */
  @ApiOperation({ summary: '挂接内容 (the stored file or OpenAPI document)' })
  @Get(':mountId/content')
  @RequirePermission('catalog.mount.read')
  async content(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('mountId') mountId: string,
  ): Promise<StreamableFile> {
    const { mediaType, bytes } = await this.mounts.content(
      principal,
      parseInput(idParam, id, 'id'),
      parseInput(idParam, mountId, 'mountId'),
    );
    return new StreamableFile(bytes, { type: mediaType, length: bytes.length });
  }

  @ApiOperation({ summary: '取消挂接 (unmount)' })
  @Delete(':mountId')
  @RequirePermission('catalog.mount.write')
  @HttpCode(204)
  async unmount(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('mountId') mountId: string,
  ): Promise<void> {
    await this.unmountResource.execute(
      principal,
      parseInput(idParam, id, 'id'),
      parseInput(idParam, mountId, 'mountId'),
    );
  }
}
