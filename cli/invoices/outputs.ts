import type { WriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { errorsCsv, errorsCsvRows } from '../../core/csv/errors-csv.js';
import { columnsAsWritten } from '../../core/csv/table.js';
import { formatProblem, isError, problem, type Problem } from '../../core/errors.js';
import {
  type Invoice,
  invoiceFileName,
  issueConflict,
  issueDecision,
  type ManifestEntry,
  manifestEntry,
} from '../../core/invoice/index.js';
import { sha256Hex } from '../../functions/store.js';
import { zipEntryOptions } from '../../functions/zip.js';
import type { CliIo } from '../command.js';
import { createStreamTemp, inInputTerms, tidyOutputFolder, writeOutput } from '../io.js';
import { PENDING_FILE } from './pending.js';
import type { Rendered } from './render.js';

async function existing(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/**
 * A file written as a stream to a temporary name, renamed into place when complete. The temporary
 * file is created new and readable by its owner only (createStreamTemp), and open before the run
 * goes on (a folder that cannot be written fails here, not later as an unhandled stream error).
 */
class StreamedFile {
  private constructor(
    private readonly path: string,
    private readonly temp: string,
    readonly stream: WriteStream,
  ) {}
  static async open(path: string): Promise<StreamedFile> {
    const { temp, stream } = await createStreamTemp(path);
    return new StreamedFile(path, temp, stream);
  }
  write(text: string | Uint8Array): Promise<void> {
    return new Promise((ok) => (this.stream.write(text) ? ok() : this.stream.once('drain', ok)));
  }
  async close(): Promise<void> {
    await new Promise<void>((ok, fail) => this.stream.end((e?: Error | null) => (e ? fail(e) : ok())));
    await rename(this.temp, this.path);
  }
  /** For a piped stream: waits until the source has ended it, then renames. */
  async closed(): Promise<void> {
    await finished(this.stream);
    await rename(this.temp, this.path);
  }
  /** A run that stopped: the stream is closed and its temporary file removed. */
  async discard(): Promise<void> {
    this.stream.destroy();
    await finished(this.stream).catch(() => undefined);
    await rm(this.temp, { force: true });
  }
}

/** An invoice on its way out: settled, its rendering under way. */
export interface Job {
  readonly invoice: Invoice;
  readonly firstRow: number;
  readonly rendered: Promise<Rendered>;
}

/** invoices.zip, streamed to disk as entries are added, each read from its written file in turn. */
class InvoiceZip {
  private readonly zip = new ZipFile();
  private constructor(private readonly file: StreamedFile) {
    this.zip.outputStream.pipe(this.file.stream);
  }
  static async open(path: string): Promise<InvoiceZip> {
    return new InvoiceZip(await StreamedFile.open(path));
  }
  /**
   * From the files just written, not from memory: yazl keeps an added buffer until the zip ends,
   * which would grow with the batch. Entries as the cloud's batch zips them (zipEntryOptions).
   */
  add(dir: string, invoice: Invoice, pdfName: string, xmlName: string | undefined): void {
    this.zip.addFile(join(dir, pdfName), pdfName, zipEntryOptions(invoice.issue_date, 'stored'));
    if (xmlName) this.zip.addFile(join(dir, xmlName), xmlName, zipEntryOptions(invoice.issue_date, 'deflated'));
  }
  async close(): Promise<void> {
    this.zip.end();
    await this.file.closed();
  }
  discard(): Promise<void> {
    this.zip.outputStream.unpipe(this.file.stream);
    return this.file.discard();
  }
}

/** The files of the folder besides the invoices, whose temporary files the version before named `NAME.PID.tmp`. */
const OUTPUT_NAMES = ['errors.csv', 'manifest.json', 'invoices.zip'];

/** What became of one invoice: written new, already there the same, refused, or another invoice of its number there. */
export type Finished = 'issued' | 'unchanged' | 'rejected' | 'conflict';

/** What a run did, for its closing line and exit code. */
export interface InvoiceCounts {
  issued: number;
  unchanged: number;
  rejected: number;
  conflicts: number;
  warnings: number;
}

/**
 * The output folder of one run. Every problem goes to stderr and errors.csv as it comes; an
 * invoice goes to the folder, the manifest and the zip when {@link InvoiceOutputs.finish} is
 * given it, in input order.
 * @example const out = await InvoiceOutputs.open(io, '/data/out', 'lines.csv', written, true); await out.finish(job); await out.close()
 */
export class InvoiceOutputs {
  readonly counts: InvoiceCounts = { issued: 0, unchanged: 0, rejected: 0, conflicts: 0, warnings: 0 };
  private entries = 0;

  private constructor(
    private readonly io: CliIo,
    private readonly dir: string,
    /** The input file as the user named it, and each of its columns as its header wrote it. */
    private readonly input: { readonly file: string; readonly written: Readonly<Record<string, string>> },
    private readonly errors: StreamedFile,
    private readonly manifest: StreamedFile,
    private readonly zip: InvoiceZip | undefined,
  ) {}

  static async open(
    io: CliIo,
    dir: string,
    file: string,
    written: Readonly<Record<string, string>>,
    zip: boolean,
  ): Promise<InvoiceOutputs> {
    const opened: { discard(): Promise<void> }[] = [];
    // A run killed here before left its temporary files (a half-written zip, PDFs): removed first.
    await tidyOutputFolder(dir, OUTPUT_NAMES);
    try {
      const errors = await StreamedFile.open(join(dir, 'errors.csv'));
      opened.push(errors);
      await errors.write(errorsCsv([]));
      const manifest = await StreamedFile.open(join(dir, 'manifest.json'));
      opened.push(manifest);
      await manifest.write('[');
      const zipFile = zip ? await InvoiceZip.open(join(dir, 'invoices.zip')) : undefined;
      return new InvoiceOutputs(io, dir, { file, written }, errors, manifest, zipFile);
    } catch (e) {
      await Promise.all(opened.map((f) => f.discard()));
      throw e;
    }
  }

  /** A problem, with its column named as the file wrote it: to stderr and errors.csv. */
  async report(found: Problem): Promise<void> {
    const p = inInputTerms(this.io, columnsAsWritten([found], this.input.file, this.input.written))[0] ?? found;
    if (!isError(p)) this.counts.warnings++;
    this.io.err(`${formatProblem(p)}\n`);
    await this.errors.write(errorsCsvRows([p]));
  }

  /**
   * Finalises one invoice: issued (written), unchanged (already there) or a conflict (reported, not
   * written). `refusals` gives what would keep a new invoice from being issued (its 仕訳 the
   * journal format cannot hold): it is then rejected, those problems reported, nothing written.
   * `issuing` runs just before a new invoice's PDF is written. Returns what became of it.
   */
  async finish(
    job: Job,
    refusals: (invoice: Invoice) => readonly Problem[] = () => [],
    issuing: (invoice: Invoice) => Promise<void> = async () => undefined,
  ): Promise<Finished> {
    const { invoice: inv } = job;
    let r: Rendered;
    try {
      r = await job.rendered;
    } catch (e) {
      this.counts.rejected++;
      await this.report(
        problem(this.input.file, job.firstRow, 'invoice_no', inv.invoice_no, `PDFを作成できません: ${String(e)}`, 'PDF rendering failed'),
      );
      return 'rejected';
    }
    const pdfName = invoiceFileName(inv.invoice_no, 'pdf');
    const xmlName = r.xml !== undefined ? invoiceFileName(inv.invoice_no, 'xml') : undefined;
    const hash = sha256Hex(r.pdf);
    const before = await existing(join(this.dir, pdfName));
    const decision = issueDecision({ sha256: hash, issue_date: inv.issue_date }, before ? { sha256: sha256Hex(before) } : undefined);
    if (decision === 'conflict') {
      this.counts.conflicts++;
      await this.report(issueConflict(this.input.file, job.firstRow, inv.invoice_no));
      return 'conflict';
    }
    const status: ManifestEntry['status'] = decision;
    // Checked before its PDF is written: once issued, an invoice is never issued again, so a 仕訳
    // refused after it would be lost for good.
    const refused = status === 'issued' ? refusals(inv) : [];
    if (refused.some(isError)) {
      this.counts.rejected++;
      for (const p of refused) await this.report(p);
      return 'rejected';
    }
    // A file of this invoice that cannot be written, reported against the invoice's first row.
    const cannotWrite = (name: string, e: unknown, ja: string, en: string, severity: 'error' | 'warning') => {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      const why = code === 'EISDIR' ? '同じ名前のフォルダがあります' : '書き込めません';
      const found = problem(
        this.input.file,
        job.firstRow,
        'invoice_no',
        inv.invoice_no,
        `${name} を書けません（${code}: ${why}）。${ja}`,
        `cannot write ${name} (${code}); ${en}`,
        severity,
      );
      return this.report(found);
    };
    if (status === 'issued') {
      try {
        await issuing(inv);
      } catch (e) {
        this.counts.rejected++;
        await cannotWrite(PENDING_FILE, e, 'この請求書は発行していません', 'this invoice was not issued', 'error');
        return 'rejected';
      }
    }
    try {
      if (status === 'issued') await writeOutput(this.io, join(this.dir, pdfName), r.pdf);
    } catch (e) {
      // This invoice is rejected, the batch goes on; a rerun issues it once the file can be written.
      this.counts.rejected++;
      await cannotWrite(pdfName, e, 'この請求書は発行していません', 'this invoice was not issued', 'error');
      return 'rejected';
    }
    // The PDF is the invoice: once it is written the invoice is issued (manifest, zip, 仕訳). An
    // XML that cannot be written is reported, and the next run writes it beside the unchanged PDF.
    let xmlWritten = xmlName;
    if (xmlName && r.xml !== undefined && (status === 'issued' || !(await existing(join(this.dir, xmlName))))) {
      try {
        await writeOutput(this.io, join(this.dir, xmlName), r.xml);
      } catch (e) {
        xmlWritten = undefined;
        const ja = '請求書（PDF）は発行しました。次の実行で XML を書きます';
        await cannotWrite(xmlName, e, ja, 'the invoice (PDF) was issued, and the next run writes the XML', 'warning');
      }
    }
    if (status === 'issued') this.counts.issued++;
    else this.counts.unchanged++;
    this.zip?.add(this.dir, inv, pdfName, xmlWritten);
    const entry = manifestEntry(inv, pdfName, hash, xmlWritten, status);
    await this.manifest.write(`${this.entries++ === 0 ? '\n' : ',\n'}${JSON.stringify(entry)}`);
    return status;
  }

  /** A run that stopped on an unexpected failure: no manifest, errors.csv or zip, no temporary file. */
  async discard(): Promise<void> {
    await Promise.all([this.manifest.discard(), this.errors.discard(), this.zip?.discard()]);
  }

  /** Ends the manifest, errors.csv and the zip, each renamed into place whole. */
  async close(): Promise<void> {
    await this.manifest.write(this.entries === 0 ? ']\n' : '\n]\n');
    await this.manifest.close();
    await this.errors.close();
    await this.zip?.close();
  }
}
