/**
 * Every event a handler accepts, as a zod schema: HTTP bodies, S3 notifications, queue messages.
 * Anything that does not parse is refused (HTTP 400) or dropped with a log line (queues), never
 * half-processed.
 */
import { z } from 'zod';
import { isIsoDate } from '../core/dates/calendar.js';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Deposits one reconcile job matches: a worker has 1,769 MB. Measured through the job with the
 * open items at their 50 MB limit: 300,000 deposits peak at 1.18 GB, 650,000 (a statement within
 * its own 50 MB) at 1.6 GB. More is refused before matching, naming the file: split the statement,
 * or run `urakata reconcile`, which has no such limit.
 */
export const MAX_JOB_DEPOSITS = 300_000;
/** An API request's JSON body at most: the files themselves go to the presigned upload URLs. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Presigned URLs live at most 15 minutes. */
export const URL_EXPIRY_SECONDS = 15 * 60;

const size = z.number().int().positive();

export const CreateInvoiceBatchBody = z.object({
  /** The upload's exact byte length: it is signed into the upload URL. */
  size,
  issuer: z.record(z.string(), z.unknown()),
  pint: z.boolean().default(false),
});

/** A date `YYYY-MM-DD` that is on the calendar: 2026-02-30 is refused, 2028-02-29 taken. */
const IsoDate = z.string().refine(isIsoDate, { message: 'not a calendar date (YYYY-MM-DD)' });

export const CreateReconcileJobBody = z.object({
  files: z.object({ bank: size, open_items: size }),
});

export const CreatePayrollRunBody = z.object({
  pay_date: IsoDate,
  files: z.object({ employees: size, attendance: size }),
});

/** At most this many payroll runs or files summed by one year-end run (a year of monthly pays and bonuses, reruns aside). */
export const MAX_YEAR_END_SOURCES = 100;

/**
 * POST /v1/year-end-runs: the employees and declarations are uploaded; the year's pay is either an
 * uploaded totals file or the tenant's payroll runs (default: every finished run paid in the year)
 * and payroll or bonus outputs kept under the tenant's `payroll/`.
 */
export const CreateYearEndRunBody = z
  .object({
    year: z.number().int().min(1).max(9999),
    files: z.object({ employees: size, declarations: size, totals: size.optional() }),
    /** 支払者 printed on every 源泉徴収票: the payer JSON of `urakata nencho` ({name, address?, phone?}). */
    payer: z.record(z.string(), z.unknown()).optional(),
    payroll_runs: z.array(z.string().max(64)).max(MAX_YEAR_END_SOURCES).optional(),
    /** Keys inside the tenant's prefix, under payroll/, e.g. 'payroll/2026/bonus-2026-12.csv'. */
    payroll_files: z.array(z.string().min(1).max(512)).max(MAX_YEAR_END_SOURCES).optional(),
  })
  .refine((b) => b.files.totals === undefined || (b.payroll_runs === undefined && b.payroll_files === undefined), {
    message: 'give files.totals or payroll_runs / payroll_files, not both',
    path: ['files', 'totals'],
  });
export type CreateYearEndRunBody = z.infer<typeof CreateYearEndRunBody>;

/** A query parameter left blank (`?max=`) is absent, not 0: a form that sends every field must not filter. */
const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** 電帳法 search: 取引年月日 range, 金額 range, 取引先 — any combination. */
export const InvoiceSearchQuery = z.object({
  from: z.preprocess(blankIsAbsent, IsoDate.optional()),
  to: z.preprocess(blankIsAbsent, IsoDate.optional()),
  min: z.preprocess(blankIsAbsent, z.coerce.number().int().optional()),
  max: z.preprocess(blankIsAbsent, z.coerce.number().int().optional()),
  counterparty: z.preprocess(blankIsAbsent, z.string().min(1).max(128).optional()),
  limit: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(1000).default(100)),
  /** The `next` of the page before: the search goes on after it. */
  after: z.preprocess(blankIsAbsent, z.string().max(1024).optional()),
});

/** An S3 event notification as S3 delivers it to SQS (s3:TestEvent has no Records and is ignored). */
export const S3Notification = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      s3: z.object({
        bucket: z.object({ name: z.string() }),
        object: z.object({ key: z.string(), size: z.number().optional() }),
      }),
    }),
  ),
});
export type S3Notification = z.infer<typeof S3Notification>;

export const RenderChunkMessage = z.object({
  type: z.literal('render-chunk'),
  tenant: z.string(),
  batchId: z.string(),
  chunk: z.number().int().nonnegative(),
});
export type RenderChunkMessage = z.infer<typeof RenderChunkMessage>;

export const UploadMessage = z.object({
  type: z.literal('upload'),
  key: z.string(),
});
export type UploadMessage = z.infer<typeof UploadMessage>;

export const WorkMessage = z.discriminatedUnion('type', [RenderChunkMessage, UploadMessage]);
export type WorkMessage = z.infer<typeof WorkMessage>;

/**
 * Whether a queue body is S3's own notification (sent by S3, without a MessageGroupId), not a
 * message of ours.
 * @example isS3Notification({ Records: [{ eventName: 'ObjectCreated:Put', s3: { … } }] }) // true
 */
export function isS3Notification(body: unknown): boolean {
  return !WorkMessage.safeParse(body).success && S3Notification.safeParse(body).success;
}

/** Upload keys named by a queue body: S3's own notification format or our own message. */
export function messagesOf(body: unknown): WorkMessage[] | undefined {
  const own = WorkMessage.safeParse(body);
  if (own.success) return [own.data];
  const s3 = S3Notification.safeParse(body);
  if (s3.success) {
    return s3.data.Records.filter((r) => r.eventName.startsWith('ObjectCreated')).map((r) => ({
      type: 'upload' as const,
      // S3 URL-encodes keys in notifications (spaces as '+'); s3rver does not. Our keys have neither.
      key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')),
    }));
  }
  if (typeof body === 'object' && body !== null && (body as { Event?: string }).Event === 's3:TestEvent') return [];
  return undefined;
}

export const PayrollSchedule = z.object({
  tenant: z.string(),
  /** Keys inside the tenant's prefix, e.g. 'payroll/inputs/employees.csv'. */
  employees: z.string(),
  attendance: z.string(),
  /** 給与支給日: day of month; a Saturday, Sunday or holiday moves it to the previous weekday. */
  pay_day: z.number().int().min(1).max(31),
});
export type PayrollSchedule = z.infer<typeof PayrollSchedule>;
