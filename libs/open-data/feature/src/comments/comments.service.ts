import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { scopeOf, type Principal } from '@govdata/platform-auth';
import type { NodeConfig } from '@govdata/platform-config';
import { GovdataError } from '@govdata/platform-errors';
import { RedisRateLimiter } from '@govdata/platform-redis';
import { NODE_CONFIG } from '@govdata/platform-service';
import { DataSource } from 'typeorm';
import { DatasetRepository } from '../datasets/dataset.repository.js';
import { assertOpenHere } from '../datasets/open-here.js';
import { PublishedDatasets } from '../datasets/published-datasets.js';
import type { OpenAccount } from '../people/open-account.js';
import { publicAuthorName } from '../people/public-name.js';
import { COMMENT_LIMIT, type CommentRecord } from './comment.js';
import { alreadyHidden, commentsTooOften, notModerator } from './comment.exception.js';
import { CommentRepository } from './comment.repository.js';

/** 评论: people comment on open datasets; the node authority or the providing department hides one, saying why. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly comments: CommentRepository,
    private readonly datasets: DatasetRepository,
    private readonly published: PublishedDatasets,
    private readonly limiter: RedisRateLimiter,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  /** 发表: on an open dataset of this node, within the account's comment limit. */
  async post(account: OpenAccount, datasetId: string, text: string): Promise<CommentRecord> {
    assertOpenHere(await this.published.published(datasetId));
    const { limit, windowSeconds } = COMMENT_LIMIT;
    const decision = await this.limiter.hit(`open-data:comments:account:${account.id}`, limit, windowSeconds);
    if (!decision.allowed) throw commentsTooOften(limit, windowSeconds, decision.retryAfterSeconds);
    return this.comments.insert(this.dataSource.manager, {
      id: randomUUID(),
      datasetId,
      accountId: account.id,
      authorName: publicAuthorName(account),
      text,
    });
  }

  /** The author deletes their own comment (404 for anybody else's). */
  async removeOwn(account: OpenAccount, id: string): Promise<void> {
    if (!(await this.comments.removeOwn(this.dataSource.manager, id, account.id))) {
      throw GovdataError.notFound('comment', id);
    }
  }

  /**
   * 隐藏: the node authority hides any comment, a department (data-admin, provider-reviewer) those on
   * its own datasets; the reason is shown to the author.
   */
  async hide(principal: Principal, id: string, reason: string): Promise<CommentRecord> {
    const found = await this.comments.findById(this.dataSource.manager, id);
    if (!found) throw GovdataError.notFound('comment', id);
    const dataset = await this.datasets.findById(this.dataSource.manager, found.datasetId);
    const target = { nodeCode: this.config.node.code, organisationId: dataset?.organisationId ?? null };
    if (!scopeOf(principal, 'open-data.comment.moderate', target)) throw notModerator();
    if (found.hiddenAt) throw alreadyHidden();
    const hidden = await this.comments.hide(this.dataSource.manager, id, principal.name ?? principal.subject, reason);
    if (!hidden) throw alreadyHidden();
    return hidden;
  }
}
