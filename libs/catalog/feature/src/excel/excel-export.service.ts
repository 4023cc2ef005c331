import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource, type EntityManager } from 'typeorm';
import { ENTRY_LABELS } from '../entries/entry-labels.js';
import { readerScope } from '../entries/entry-visibility.js';
import { ENTRY_COLUMNS, ITEM_COLUMNS, type ColumnSpec } from './excel-columns.js';
import {
  entryRowValues,
  itemRowValues,
  type EntryRowValues,
  type ExportedEntry,
  type ItemRowValues,
} from './excel-row-mapping.js';
import { writeCatalogWorkbook, type ClassificationOption } from './excel-workbook-writer.js';
import { ExcelRepository, type ExportFilter } from './excel.repository.js';

/** Entries read per query while exporting. */
const PAGE = 500;

/** The CSV export of entries carries the items in one column (a CSV has one sheet). */
const CSV_ITEMS_HEADER = '信息项';

/**
 * 导出 — the entries a caller may see, in the template's columns (xlsx: both sheets; CSV: one
 * sheet, UTF-8 with BOM so Excel reads the Chinese). Entries are read page by page inside one
 * REPEATABLE READ transaction, so the two sheets describe the same moment and memory stays flat.
 */
@Injectable()
export class ExcelExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ExcelRepository,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  classifications(): Promise<ClassificationOption[]> {
    return this.repository.classifications(this.dataSource.manager);
  }

  /** 导入模板 — the empty workbook with an example entry. */
  async writeTemplate(output: Writable, classifications: ClassificationOption[]): Promise<void> {
    await writeCatalogWorkbook(output, { classifications, example: true });
  }

  async writeXlsx(
    output: Writable,
    principal: Principal,
    filter: ExportFilter,
    classifications: ClassificationOption[],
  ): Promise<void> {
    const names = new Map(classifications.map((c) => [c.code, c.name]));
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const pages = () => this.entries(manager, principal, filter);
      await writeCatalogWorkbook(output, {
        classifications,
        entries: mapEntries(pages(), (entry, serial) => entryRowValues(entry, serial, names)),
        items: () => flatMapEntries(pages(), (entry, serial) => itemRowValues(entry.content, serial)),
      });
    });
  }

  /** CSV of the 信息资源目录 sheet (items summarised in one column) or of the 信息项 sheet. */
  async writeCsv(
    output: Writable,
    principal: Principal,
    filter: ExportFilter,
    sheet: 'entries' | 'items',
    classifications: ClassificationOption[],
  ): Promise<void> {
    const names = new Map(classifications.map((c) => [c.code, c.name]));
    const write = async (line: string) => {
      if (!output.write(line)) await once(output, 'drain');
    };
    await write('\uFEFF');
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      if (sheet === 'items') {
        await write(csvLine(ITEM_COLUMNS.map((c) => c.header)));
        for await (const values of flatMapEntries(this.entries(manager, principal, filter), (entry, serial) =>
          itemRowValues(entry.content, serial),
        )) {
          await write(csvLine(rowOf(ITEM_COLUMNS, values)));
        }
        return;
      }
      await write(csvLine([...ENTRY_COLUMNS.map((c) => c.header), CSV_ITEMS_HEADER]));
      let serial = 0;
      for await (const entry of this.entries(manager, principal, filter)) {
        serial += 1;
        const values: EntryRowValues = entryRowValues(entry, serial, names);
        await write(csvLine([...rowOf(ENTRY_COLUMNS, values), itemsSummary(entry)]));
      }
    });
    output.end();
  }

  /** The visible entries, by code, one page at a time. */
  private async *entries(
    manager: EntityManager,
    principal: Principal,
    filter: ExportFilter,
  ): AsyncIterable<ExportedEntry> {
    const reader = readerScope(principal, this.config.node.code);
    let after: string | null = null;
    for (;;) {
      const page = await this.repository.exportPage(manager, reader, filter, after, PAGE);
      yield* page;
      if (page.length < PAGE) return;
      after = page.at(-1)!.code;
    }
  }
}

async function* mapEntries<T>(
  entries: AsyncIterable<ExportedEntry>,
  map: (entry: ExportedEntry, serial: number) => T,
): AsyncIterable<T> {
  let serial = 0;
  for await (const entry of entries) yield map(entry, ++serial);
}

async function* flatMapEntries(
  entries: AsyncIterable<ExportedEntry>,
  map: (entry: ExportedEntry, serial: number) => ItemRowValues[],
): AsyncIterable<ItemRowValues> {
  let serial = 0;
  for await (const entry of entries) yield* map(entry, ++serial);
}

function rowOf(columns: readonly ColumnSpec[], values: Record<string, string | number | undefined>): unknown[] {
  return columns.map((c) => values[c.key]);
}

/** 姓名（字符型C，50）；出生日期（日期型D） */
function itemsSummary(entry: ExportedEntry): string {
  return entry.content.items
    .map((i) => {
      const type = ENTRY_LABELS.itemDataType[i.dataType].zh;
      return `${i.name}（${i.length === undefined ? type : `${type}，${i.length}`}）`;
    })
    .join('；');
}

/** RFC 4180 line; text that Excel would run as a formula (=, +, -, @) is defused with a leading '. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
