import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditCsvStream } from './csv';
import { generatedPages, type PageProbe } from './pages.fixture';
import { auditXlsxStream } from './xlsx';

/*
 * The bound: an export of 100,000 rows streams without holding them all. Proven by
 * watching the pages being read against the bytes going out: output starts long before the
 * last page is read, and a reader that stops reading stops the query being read too. The full
 * drains run over 100 pages of 200 rows (the same proportions as 100 pages of 1,000, in a fifth
 * of the time); the memory of a real 100,000-row export is measured in bench/org-history.ts.
 */

const TOTAL = 20_000;
const PAGE = 200;
/** The stopping readers never drain: they get the full-size export. */
const BIG = 100_000;
const BIG_PAGE = 1000;
const newProbe = (): PageProbe => ({ pulled: 0, closed: false, finished: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the stream to its end, noting how many bytes had come out when each page was read. */
async function drain(stream: ReadableStream<Uint8Array>, probe: PageProbe) {
  const outAtPage: number[] = [];
  let bytes = 0;
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    while (outAtPage.length < probe.pulled) outAtPage.push(bytes);
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    chunks.push(value);
  }
  while (outAtPage.length < probe.pulled) outAtPage.push(bytes);
  return { bytes, outAtPage, chunks };
}

describe('exports stream page by page', () => {
  it('CSV: a page is read only when the last one has gone out', async () => {
    const probe = newProbe();
    const { bytes, outAtPage, chunks } = await drain(auditCsvStream(generatedPages(TOTAL, PAGE, probe)), probe);
    expect(probe.pulled).toBe(TOTAL / PAGE);
    expect(probe.finished).toBe(true);
    // when the last page was read, all but that page (and the one in flight) had been sent
    expect(outAtPage[outAtPage.length - 1]).toBeGreaterThan(bytes * 0.97);
    // one chunk per page, plus the header: nothing was gathered into one big buffer
    expect(chunks.length).toBe(TOTAL / PAGE + 1);
    expect(Math.max(...chunks.map((c) => c.byteLength))).toBeLessThan(bytes / 50);
    const text = new TextDecoder().decode(chunks[chunks.length - 1]);
    expect(text.trimEnd().split('\r\n')).toHaveLength(PAGE);
  }, 120_000);

  it('CSV: a reader that stops stops the query; cancelling closes it', async () => {
    const probe = newProbe();
    const reader = auditCsvStream(generatedPages(BIG, BIG_PAGE, probe)).getReader();
    await reader.read(); // the header
    await reader.read(); // the first page
    await sleep(200);
    expect(probe.pulled).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(probe.closed).toBe(true);
  });

  it('XLSX: the workbook goes out while the rows are still being read, and reads back whole', async () => {
    const probe = newProbe();
    const { bytes, outAtPage, chunks } = await drain(auditXlsxStream(generatedPages(TOTAL, PAGE, probe), { orgName: 'МБОУ СОШ № 5' }), probe);
    expect(probe.pulled).toBe(TOTAL / PAGE);
    expect(outAtPage[Math.floor(outAtPage.length / 2)]).toBeGreaterThan(0);
    expect(outAtPage[outAtPage.length - 1]).toBeGreaterThan(bytes * 0.8);
    // read back with exceljs's streaming reader: every row is there
    let rows = 0;
    let lastDate: unknown = null;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks.map((c) => Buffer.from(c))), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache' });
    for await (const sheet of reader) {
      if ((sheet as unknown as { name: string }).name !== 'Журнал событий') continue;
      for await (const row of sheet) {
        rows++;
        lastDate = row.getCell(1).value;
      }
    }
    expect(rows).toBe(TOTAL + 1);
    expect(lastDate).toBeInstanceOf(Date);
  }, 300_000);

  it('XLSX: a reader that stops stops the query; cancelling closes it', async () => {
    const probe = newProbe();
    const reader = auditXlsxStream(generatedPages(BIG, BIG_PAGE, probe)).getReader();
    await reader.read();
    await sleep(1000);
    const stalled = probe.pulled;
    expect(stalled).toBeLessThan(15);
    await sleep(500);
    expect(probe.pulled).toBe(stalled);
    await reader.cancel();
    await sleep(200);
    expect(probe.closed).toBe(true);
  }, 30_000);
});
