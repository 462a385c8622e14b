/** One mistake across a class: which submissions' runs found it. */
export interface ClassProblem {
  /** The cause, as the runs' diagnoses name it (`lost-bytes`, `silent-client-dropped`). */
  readonly cause: string;
  /** The submissions whose runs found it, by id. */
  readonly submissions: readonly string[];
}

/**
 * The problems of a class, the most common first: what an instructor may want to teach again. Each
 * submission counts once for each problem its run found.
 */
export function classProblems(
  submissions: readonly { readonly id: string; readonly problems?: readonly string[] }[],
): ClassProblem[] {
  const byCause = new Map<string, string[]>();
  for (const submission of submissions) {
    for (const cause of new Set(submission.problems ?? [])) {
      byCause.set(cause, [...(byCause.get(cause) ?? []), submission.id]);
    }
  }
  return [...byCause]
    .map(([cause, ids]) => ({ cause, submissions: ids }))
    .sort((a, b) => b.submissions.length - a.submissions.length || (a.cause < b.cause ? -1 : 1));
}
