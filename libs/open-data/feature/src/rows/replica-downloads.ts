import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, GovdataError, PROBLEM_CONTENT_TYPE, toProblemDetails } from '@govdata/platform-errors';
import { LOGGER } from '@govdata/platform-service';
import type { Response } from 'express';
import type { Logger } from 'pino';
import parseRange from 'range-parser';
import type { DatasetRecord, ResourceRecord } from '../datasets/dataset.js';
import { OpenDataRule } from '../datasets/open-data.exception.js';
import type { DownloadFormat } from '../datasets/open-vocabulary.js';
import { FILE_CHUNK_BYTES } from './origin-file.wire.js';

import { OriginClient } from './origin.client.js';

/** Ranges asked for at once: the link's round trips overlap; at most this many MiB are held. */
const RELAY_WINDOW = 4;

/**
 * 下载 of a replica at an ancestor: the file of the origin's last update, relayed range by range
 * through the federation (this node keeps no copy and needs no public address of the origin), with
 * what a local file has — its length, its sha256 as a strong ETag, 304, and byte ranges — and
 * counted at the origin. Up to four ranges are on their way while one is written, so the relay keeps
 * the link busy; a whole download is hashed on the way and cut off if it is not the file named.
 */
@Injectable()
export class ReplicaDownloads {
  constructor(
    private readonly origin: OriginClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async send(res: Response, dataset: DatasetRecord, resource: ResourceRecord, format: DownloadFormat): Promise<void> {
    const file = resource.replicaFiles?.find((f) => f.format === format);
    if (!file) {
      throw new GovdataError(
        ErrorCode.Conflict,
        `来源节点 ${dataset.nodeCode} 尚未生成该格式的文件，请稍后再试或分页读取数据 (the origin node has not written this file yet; read the rows page by page meanwhile)`,
        [{ path: 'format', rule: OpenDataRule.ServedByOrigin, message: `来源节点 ${dataset.nodeCode}` }],
      );
    }
    const etag = `"sha256-${file.sha256}"`;
    res.setHeader('etag', etag);
    res.setHeader('accept-ranges', 'bytes');
    res.setHeader('cache-control', 'public, max-age=0, must-revalidate');
    res.setHeader('last-modified', new Date(file.generatedAt).toUTCString());
    res.setHeader('x-govdata-rows', String(file.rows));
    res.setHeader('x-govdata-generated-at', file.generatedAt);
    res.setHeader('x-govdata-origin', dataset.nodeCode);
    const req = res.req;
    const ifNoneMatch = req.headers['if-none-match'];
    if (
      ifNoneMatch &&
      (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
    ) {
      res.status(304).end();
      return;
    }

    let start = 0;
    let end = file.bytes - 1;
    const rangeHeader = req.headers.range;
    const ifRange = req.get('if-range');
    if (rangeHeader && (!ifRange || ifRange.trim() === etag)) {
      const ranges = parseRange(file.bytes, rangeHeader, { combine: true });
      if (ranges === -1) {
        const problem = toProblemDetails(
          GovdataError.validation([
            {
              path: 'range',
              rule: 'range',
              message: `文件长度为 ${file.bytes} 字节 (the file has ${file.bytes} bytes)`,
            },
          ]),
          req.originalUrl,
        );
        res.setHeader('content-range', `bytes */${file.bytes}`);
        res
          .status(416)
          .type(PROBLEM_CONTENT_TYPE)
          .send(JSON.stringify({ ...problem, status: 416, title: 'Range Not Satisfiable' }));
        return;
      }
      // One range is served as asked; several, or a malformed header, get the whole file.
      if (Array.isArray(ranges) && ranges.length === 1 && ranges.type === 'bytes') {
        start = ranges[0]!.start;
        end = ranges[0]!.end;
      }
    }
    const whole = start === 0 && end === file.bytes - 1;
    const offsets: number[] = [];
    for (let offset = start; offset <= end; offset += FILE_CHUNK_BYTES) offsets.push(offset);
    const lengthAt = (i: number) => Math.min(FILE_CHUNK_BYTES, end + 1 - offsets[i]!);
    const requests = new Map<number, Promise<Buffer>>();
    const request = (i: number) => {
      if (i >= offsets.length || requests.has(i)) return;
      const asked = this.origin.fileRange(dataset.nodeCode, {
        datasetId: dataset.id,
        resourceId: resource.id,
        format,
        sha256: file.sha256,
        start: offsets[i]!,
        length: lengthAt(i),
        count: whole && i === offsets.length - 1,
      });
      // Not rejected unhandled while an earlier range is written.
      asked.catch(() => undefined);
      requests.set(i, asked);
    };

    // The first range answers before any header is sent: a refusal there is a clean 4xx/5xx.
    request(0);
    const first = offsets.length > 0 ? await requests.get(0)! : Buffer.alloc(0);
    res.status(whole ? 200 : 206);
    if (!whole) res.setHeader('content-range', `bytes ${start}-${end}/${file.bytes}`);
    res.setHeader('content-length', String(end - start + 1));
    const hash = whole ? createHash('sha256') : null;
    try {
      for (let i = 0; i < offsets.length; i++) {
        // Keep RELAY_WINDOW ranges on their way while this one is written.
        for (let ahead = i + 1; ahead < i + RELAY_WINDOW; ahead++) request(ahead);
        const chunk = i === 0 ? first : await requests.get(i)!;
        requests.delete(i);
        if (chunk.length !== lengthAt(i)) throw new Error(`range ${offsets[i]} came back short`);
        hash?.update(chunk);
        if (!res.write(chunk)) await once(res, 'drain');
      }
      if (hash && hash.digest('hex') !== file.sha256) {
        throw new Error('the bytes relayed are not the file named by its sha256');
      }
      res.end();
    } catch (error) {
      this.logger.warn(
        { datasetId: dataset.id, origin: dataset.nodeCode, err: (error as Error).message },
        'open data: a relayed download ended early',
      );
      res.destroy();
    }
  }
}
