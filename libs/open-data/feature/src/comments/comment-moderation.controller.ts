import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermission, type Principal } from '@govdata/platform-auth';
import { ApiZodBody, parseInput } from '@govdata/platform-service';
import { z } from 'zod';
import type { CommentRecord } from './comment.js';
import { CommentsService } from './comments.service.js';

export const hidingBody = z.object({ reason: z.string().trim().min(2, '请说明理由 (say why)').max(1_000) }).strict();
const idParam = z.uuid();

/** A comment as a moderator sees it after hiding it. */
export interface ModeratedCommentView {
  id: string;
  datasetId: string;
  author: string;
  text: string;
  createdAt: string;
  hidden: { at: string; by: string; reason: string } | null;
}

/**
 * 评论管理 — `/api/v1/open-data/comments/:id/hiding`: the node authority hides any comment, the
 * providing department (data-admin, provider-reviewer) those on its own datasets, saying why.
 */
@ApiTags('open data 数据开放')
@Controller('api/v1/open-data/comments')
export class CommentModerationController {
  constructor(private readonly comments: CommentsService) {}

  @ApiOperation({
    summary: '隐藏评论 (with a reason the author reads; the authority any, a department its own datasets’)',
  })
  @ApiZodBody(hidingBody)
  @Post(':id/hiding')
  @HttpCode(200)
  @RequirePermission('open-data.comment.moderate')
  async hide(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ModeratedCommentView> {
    const commentId = parseInput(idParam, id, 'id');
    const { reason } = parseInput(hidingBody, body);
    return moderatedView(await this.comments.hide(principal, commentId, reason));
  }
}

function moderatedView(c: CommentRecord): ModeratedCommentView {
  return {
    id: c.id,
    datasetId: c.datasetId,
    author: c.authorName,
    text: c.text,
    createdAt: c.createdAt,
    hidden: c.hiddenAt ? { at: c.hiddenAt, by: c.hiddenBy ?? '', reason: c.hiddenReason ?? '' } : null,
  };
}
