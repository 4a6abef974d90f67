import { parseBankFile, BankFileError, type BankFileOptions, type BankFileParse } from './bank-file';

/** A bank list as it arrived at POST /api/orgs/<id>/people/import: the body, its content type, the `?filename=`. */
export type BankUpload = { body: Uint8Array; contentType: string; filename?: string };
/** What the worker sends back: the file's name (from the form, else `?filename=`) and the parse. */
export type BankUploadResult = { fileName: string; parse: BankFileParse };

/**
 * An upload → the parsed bank list: a multipart form with `file` (the import page), or the
 * raw file itself (other clients, `?filename=` names it). Taken apart in the import worker,
 * not on the server's main thread. Throws BankFileError as parseBankFile does.
 */
export async function bankUpload({ body, contentType, filename }: BankUpload, opts: BankFileOptions): Promise<BankUploadResult> {
  if (!contentType.startsWith('multipart/form-data')) {
    const fileName = filename || 'список.xlsx';
    return { fileName, parse: await parseBankFile(body, fileName, opts) };
  }
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new BankFileError('FILE_UNREADABLE', 'Не удалось прочитать отправленную форму: выберите файл ещё раз.');
  }
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0) throw new BankFileError('FILE_EMPTY', 'Выберите файл со списком.');
  const named = 'name' in file && typeof file.name === 'string' && file.name ? file.name : undefined;
  const fileName = named ?? filename ?? 'список.xlsx';
  return { fileName, parse: await parseBankFile(new Uint8Array(await file.arrayBuffer()), fileName, opts) };
}
