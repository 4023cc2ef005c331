/** 评分 — one person's 1–5 score of a dataset. */
export interface RatingRecord {
  datasetId: string;
  accountId: string;
  score: number;
  ratedAt: string;
}

/** A dataset's ratings as shown: the average to one decimal (null without any), and how many. */
export interface RatingSummary {
  average: number | null;
  count: number;
}

export const NO_RATINGS: RatingSummary = { average: null, count: 0 };

export function ratingSummary(sum: number, count: number): RatingSummary {
  return count > 0 ? { average: Math.round((sum / count) * 10) / 10, count } : NO_RATINGS;
}
