import { ErrorCode, GovdataError } from '@govdata/platform-errors';

/** Rule codes of 评论, answered in a 4xx's `reason`. */
export enum CommentRule {
  /** 429: the account posted as many comments as the window allows. */
  RateLimited = 'comment-rate',
  /** 409: the comment is hidden already. */
  Hidden = 'comment-hidden',
  /** 403: only the node authority, or the providing department, moderates a dataset's comments. */
  Moderator = 'comment-moderator',
}

export function commentsTooOften(limit: number, windowSeconds: number, retryAfterSeconds: number): GovdataError {
  return new GovdataError(
    ErrorCode.TooManyRequests,
    `评论过于频繁：每 ${windowSeconds / 3_600} 小时最多 ${limit} 条，请 ${retryAfterSeconds} 秒后再试 (at most ${limit} comments per ${windowSeconds} s; retry in ${retryAfterSeconds} s)`,
    [],
    { retryAfterSeconds: Math.max(1, retryAfterSeconds), reason: CommentRule.RateLimited },
  );
}

export function alreadyHidden(): GovdataError {
  return new GovdataError(ErrorCode.Conflict, '该评论已被隐藏 (the comment is hidden already)', [], {
    reason: CommentRule.Hidden,
  });
}

export function notModerator(): GovdataError {
  return new GovdataError(
    ErrorCode.Forbidden,
    '只有节点数据开放主管部门或数据提供部门可以隐藏该评论 (only the node authority or the providing department moderates these comments)',
    [],
    { reason: CommentRule.Moderator },
  );
}
