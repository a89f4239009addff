/**
 * A few pieces of work in flight at once, so one's store round trips overlap another's: the
 * invoices of a chunk, the PDFs a failed batch's record looks up.
 */

/**
 * Runs `work(i)` for i = 0 … count − 1, at most `lanes` at a time, taken in order of i. Every lane
 * ends before this does, failed or not — work failed while another lane was still writing would be
 * delivered again beside that write — and then the first failure is thrown.
 * @example await inLanes(invoices.length, 4, (i) => issue(invoices[i]))
 */
export async function inLanes(count: number, lanes: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) await work(i);
  };
  const ended = await Promise.allSettled(Array.from({ length: Math.min(lanes, count) }, lane));
  const failed = ended.find((l): l is PromiseRejectedResult => l.status === 'rejected');
  if (failed) throw failed.reason;
}
