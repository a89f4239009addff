/** inLanes: each piece of work once, a few at a time, and every lane ended before a failure is thrown. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inLanes } from '../../functions/lanes.js';

const tick = () => new Promise((ok) => setTimeout(ok, 0));

describe('inLanes', () => {
  it('runs each index once, in order of taking, never more than the lanes at once (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 9 }), async (count, lanes) => {
        const ran: number[] = [];
        let now = 0;
        let most = 0;
        await inLanes(count, lanes, async (i) => {
          now++;
          most = Math.max(most, now);
          ran.push(i);
          await tick();
          now--;
        });
        expect(ran).toEqual(Array.from({ length: count }, (_, i) => i));
        expect(most).toBe(Math.min(lanes, count));
      }),
      { numRuns: 40 },
    );
  });

  it('throws the first failure only once every lane has ended, the others having gone on with the rest', async () => {
    const ended: number[] = [];
    const run = inLanes(6, 3, async (i) => {
      await tick();
      if (i === 1) throw new Error('store refused');
      await tick();
      await tick();
      ended.push(i);
    });
    await expect(run).rejects.toThrow('store refused');
    expect(ended.sort()).toEqual([0, 2, 3, 4, 5]);
  });
});
