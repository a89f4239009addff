import { describe, expect, it } from 'vitest';
import { issueConflict, issueDecision } from '../../../core/invoice/index.js';

const PDF = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const attempt = { sha256: PDF, issue_date: '2026-05-31' };

describe('issueDecision', () => {
  it('issues a number nothing was issued under', () => {
    expect(issueDecision(attempt, undefined)).toBe('issued');
    expect(issueDecision({ ...attempt, batch: 'b-1' }, undefined)).toBe('issued');
  });

  it('finds the same invoice issued by an earlier run unchanged (a CLI rerun: the same PDF in the folder)', () => {
    expect(issueDecision(attempt, { sha256: PDF })).toBe('unchanged');
  });

  it('finds the same invoice issued by another batch unchanged, and by this batch issued (a retry of its own write)', () => {
    expect(issueDecision({ ...attempt, batch: 'b-2' }, { sha256: PDF, batch: 'b-1' })).toBe('unchanged');
    expect(issueDecision({ ...attempt, batch: 'b-1' }, { sha256: PDF, batch: 'b-1' })).toBe('issued');
    // A PDF whose writer is not known was written by no batch we can tell: not ours.
    expect(issueDecision({ ...attempt, batch: 'b-1' }, { sha256: PDF })).toBe('unchanged');
    expect(issueDecision(attempt, { sha256: PDF, batch: 'b-1' })).toBe('unchanged');
  });

  it('is a conflict when the number was issued with other content, or with content not known', () => {
    expect(issueDecision(attempt, { sha256: OTHER })).toBe('conflict');
    expect(issueDecision({ ...attempt, batch: 'b-1' }, { sha256: OTHER, batch: 'b-1' })).toBe('conflict');
    expect(issueDecision(attempt, { sha256: undefined })).toBe('conflict');
  });

  it('is a conflict when the number was issued on another date, and the same invoice when on the same date', () => {
    expect(issueDecision(attempt, { sha256: PDF, issue_date: '2026-06-30' })).toBe('conflict');
    expect(issueDecision(attempt, { sha256: PDF, issue_date: '2026-05-31' })).toBe('unchanged');
  });

  it('reports a conflict on the invoice number, saying an issued invoice is never overwritten', () => {
    const p = issueConflict('lines.csv', 2, 'A-1');
    expect(p).toMatchObject({ file: 'lines.csv', row: 2, column: 'invoice_no', value: 'A-1' });
    expect(p.severity).toBeUndefined();
    expect(p.message_ja).toContain('発行済みの請求書は上書きしません');
    expect(p.message_en).toContain('an issued invoice is never overwritten');
  });
});
