/**
 * The shape a reviewer's decision must have before the app sends it to the workflow. The reviewer's
 * identity is deliberately not part of it: it comes from the session or token, never the request.
 */
import { z } from 'zod';
import type { ReviewDecision } from '../workflows/review-definitions.js';
import { ReviewProblem } from './review-problem.js';

// Forms send "" for an untouched comment box; treat that as no comment.
const optionalText = (max: number) => z.preprocess((value) => (value === '' ? undefined : value), z.string().max(max).optional());

/** A decision as the API and the forms submit it (unknown fields are refused, `reviewer` included). */
const decisionInputSchema = z
  .strictObject({
    action: z.enum(['approve', 'edit', 'reject']),
    comment: optionalText(4_000),
    editedAnswer: optionalText(100_000),
  })
  .superRefine((input, context) => {
    if (input.action === 'edit' && !input.editedAnswer?.trim())
      context.addIssue({ code: 'custom', path: ['editedAnswer'], message: 'an edit needs the new answer (non-empty text)' });
    if (input.action !== 'edit' && input.editedAnswer !== undefined)
      context.addIssue({ code: 'custom', path: ['editedAnswer'], message: `only an edit carries an answer, not ${input.action}` });
  });

/** Validate a submitted payload and attach the signed-in reviewer, or throw a 400 naming the field. */
export function toReviewDecision(payload: unknown, reviewerId: string): ReviewDecision {
  const parsed = decisionInputSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    // "Unrecognized key" issues name the keys in the message, not the path.
    const named = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : field;
    throw new ReviewProblem(400, 'invalid-input', `${named}: ${issue?.message ?? 'invalid'}`, { field: named });
  }
  const { action, comment, editedAnswer } = parsed.data;
  return { action, reviewer: reviewerId, ...(comment !== undefined ? { comment } : {}), ...(editedAnswer !== undefined ? { editedAnswer } : {}) };
}
