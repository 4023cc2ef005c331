/** 评论 — a signed-in person's comment on an open dataset: public at once, unless hidden by moderation. */
export interface CommentRecord {
  id: string;
  datasetId: string;
  accountId: string;
  /** The author as shown when posting: the masked phone or e-mail, or the real-name display. */
  authorName: string;
  text: string;
  createdAt: string;
  hiddenAt: string | null;
  hiddenBy: string | null;
  hiddenReason: string | null;
}

/** 评论频率 — comments one account may post in a sliding window, on every dataset together. */
export const COMMENT_LIMIT = { limit: 20, windowSeconds: 3_600 } as const;

/** A comment as the public sees it. */
export interface PublicCommentView {
  id: string;
  datasetId: string;
  author: string;
  text: string;
  createdAt: string;
}

/** A comment as its author sees it: hidden ones too, with why. */
export interface OwnCommentView extends PublicCommentView {
  dataset: { id: string; name: string };
  hidden: { at: string; reason: string } | null;
}

export function publicCommentView(c: CommentRecord): PublicCommentView {
  return { id: c.id, datasetId: c.datasetId, author: c.authorName, text: c.text, createdAt: c.createdAt };
}

export function ownCommentView(c: CommentRecord, datasetName: string): OwnCommentView {
  return {
    ...publicCommentView(c),
    dataset: { id: c.datasetId, name: datasetName },
    hidden: c.hiddenAt ? { at: c.hiddenAt, reason: c.hiddenReason ?? '' } : null,
  };
}
