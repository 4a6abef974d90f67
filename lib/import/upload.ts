import { importRoadmap, importRoadmapText } from './index';
import { ImportError, type ImportedRoadmap } from './types';

/** An upload to POST /api/import as it arrived: the body, its content type, the `?filename=`. */
export type ImportUpload = { body: Uint8Array; contentType: string; filename?: string };

/**
 * An upload → the normalised roadmap: a multipart form with `file` or `text` (the import
 * page), or the raw file itself (other clients). The form is taken apart here, in the
 * import worker, not on the server's main thread.
 */
export async function importUpload({ body, contentType, filename }: ImportUpload): Promise<ImportedRoadmap> {
  if (!contentType.startsWith('multipart/form-data')) return importRoadmap(body, filename);
  let form: FormData;
  try {
    form = await new Response(body as BodyInit, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new ImportError('IMPORT_UNREADABLE', 'Не удалось прочитать отправленную форму: выберите файл ещё раз.');
  }
  const file = form.get('file');
  const text = form.get('text');
  if (file instanceof Blob && file.size > 0) {
    const name = 'name' in file && typeof file.name === 'string' ? file.name : undefined;
    return importRoadmap(new Uint8Array(await file.arrayBuffer()), name);
  }
  if (typeof text === 'string') return importRoadmapText(text);
  throw new ImportError('IMPORT_EMPTY', 'Выберите файл или вставьте таблицу.');
}
