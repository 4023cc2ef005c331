import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import {
  dataElementIdentifier,
  dataElementQuery,
  dataElementUpdateBody,
  newDataElementBody,
} from './data-element.dto.js';
import type { DataElement } from './data-element.repository.js';
import { DataElementService } from './data-element.service.js';
import { AddDataElementUseCase } from './add-data-element.usecase.js';
import { ChangeDataElementUseCase } from './change-data-element.usecase.js';
import { RemoveDataElementUseCase } from './remove-data-element.usecase.js';

/** 数据元 — `/api/v1/catalog/data-elements`: read by any signed-in user, written by the node's data-admin. */
@ApiTags('catalog standards 标准')
@Controller('api/v1/catalog/data-elements')
export class DataElementsController {
  constructor(
    private readonly elements: DataElementService,
    private readonly addElement: AddDataElementUseCase,
    private readonly changeElement: ChangeDataElementUseCase,
    private readonly removeElement: RemoveDataElementUseCase,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @RequirePermission('catalog.reference.read')
  @ApiOperation({
    summary: '数据元列表 (search data elements: ?q=&dataType=&source=local|inherited&limit=&offset=)',
  })
  list(@Query() query: unknown): Promise<{ items: DataElement[]; total: number }> {
    return this.elements.search(this.dataSource.manager, parseInput(dataElementQuery, query));
  }

  @Get(':identifier')
  @RequirePermission('catalog.reference.read')
  @ApiOperation({ summary: '数据元详情 (one data element)' })
  get(@Param('identifier') identifier: string): Promise<DataElement> {
    return this.elements.get(this.dataSource.manager, parseInput(dataElementIdentifier, identifier, 'identifier'));
  }

  @Post()
  @RequirePermission('catalog.data-element.write')
  @ApiOperation({ summary: '新增数据元 (add a data element; data-admin of the node)' })
  @ApiZodBody(newDataElementBody, 'The element: identifier, names, definition, data type, length, value domain')
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<DataElement> {
    const input = parseInput(newDataElementBody, body);
    return this.dataSource.transaction((m) => this.addElement.execute(m, principal, input));
  }

  @Put(':identifier')
  @RequirePermission('catalog.data-element.write')
  @ApiOperation({ summary: '修改数据元 (replace a data element of this node; data-admin of the node)' })
  @ApiZodBody(dataElementUpdateBody, 'Everything but the identifier')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('identifier') identifier: string,
    @Body() body: unknown,
  ): Promise<DataElement> {
    const id = parseInput(dataElementIdentifier, identifier, 'identifier');
    const input = parseInput(dataElementUpdateBody, body);
    return this.dataSource.transaction((m) => this.changeElement.execute(m, principal, id, input));
  }

  @Delete(':identifier')
  @RequirePermission('catalog.data-element.write')
  @HttpCode(204)
  @ApiOperation({ summary: '删除数据元 (remove a data element of this node; data-admin of the node)' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('identifier') identifier: string): Promise<void> {
    const id = parseInput(dataElementIdentifier, identifier, 'identifier');
    await this.dataSource.transaction((m) => this.removeElement.execute(m, principal, id));
  }
}
