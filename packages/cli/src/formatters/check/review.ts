import type { Review } from '../../review/index.js';
import { describeRate, describeSize, designReviewLine, FOCUS_SHOWN } from '../../review/index.js';

/**
 * The review of a check in words, for every check formatter: the size line, the design-review verdict
 * line, the first focus items and the rate line. Plain text; each formatter makes it safe for its target.
 */
export interface ReviewLines {
  size: string;
  designReview: string | null;
  focus: Array<{ file: string; line: number; text: string }>;
  /** focus items not shown */
  moreFocus: number;
  rate: string | null;
}

export function reviewLines(review: Review): ReviewLines {
  return {
    size: describeSize(review.size),
    designReview: designReviewLine(review.size),
    focus: review.focus.slice(0, FOCUS_SHOWN).map((i) => ({ file: i.file, line: i.line, text: i.text })),
    moreFocus: Math.max(0, review.focus.length - FOCUS_SHOWN),
    rate: review.rate ? describeRate(review.rate) : null,
  };
}

/** The review as data, for JSON and SARIF: the size without its file list (only files left out, up to 200), the first 20 focus items. */
export function reviewJson(review: Review): Record<string, unknown> {
  const { changed, ...size } = review.size;
  return {
    size: {
      ...size,
      summary: describeSize(review.size),
      ...(review.size.needsDesignReview ? { verdict: designReviewLine(review.size) } : {}),
      excludedFiles: changed
        .filter((f) => f.excluded)
        .slice(0, 200)
        .map((f) => ({ path: f.path, ...(f.from ? { from: f.from } : {}), reason: f.excluded })),
    },
    focus: review.focus.slice(0, 20).map(({ score: _score, ...item }) => item),
    newDependencies: review.dependencies.map((f) => ({ file: f.file, line: f.line, message: f.message, fingerprint: f.fingerprint })),
    rate: review.rate ? { ...review.rate, summary: describeRate(review.rate) } : null,
  };
}
