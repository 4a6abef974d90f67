import { detectFormat, decodeText } from './readers/detect';
import { readCsv } from './readers/csv';
import { readDocx } from './readers/docx';
import { readXlsx } from './readers/xlsx';
import { structureRoadmap } from './structure';
import { readText } from './text';
import { activityCount, ImportError, MAX_IMPORT_BYTES, tooLargeError, type DocModel, type ImportedRoadmap } from './types';

export * from './types';

/** A roadmap with no activity is not worth a board: say so instead of making an empty one. */
function nonEmpty(r: ImportedRoadmap): ImportedRoadmap {
  if (activityCount(r) === 0) {
    throw new ImportError('IMPORT_NO_TABLE', 'В документе не найдено ни одного мероприятия: нет таблицы плана с узнаваемыми столбцами.');
  }
  return r;
}

/**
 * A roadmap document (DOCX, XLSX, CSV or text as bytes) → the normalised roadmap. Throws
 * ImportError with a stable code and a Russian message for what cannot be read; whatever
 * is only doubtful comes back as `warnings`.
 */
export async function importRoadmap(bytes: Uint8Array, filename?: string): Promise<ImportedRoadmap> {
  if (bytes.byteLength === 0) throw new ImportError('IMPORT_EMPTY', 'Файл пуст.');
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw tooLargeError();
  const format = detectFormat(bytes, filename);
  let doc: DocModel;
  switch (format) {
    case 'docx':
      doc = readDocx(bytes);
      break;
    case 'xlsx':
      doc = await readXlsx(bytes);
      break;
    case 'csv':
      doc = readCsv(decodeText(bytes));
      break;
    case 'text':
      doc = readText(decodeText(bytes));
      break;
    case 'doc':
      throw new ImportError('IMPORT_UNSUPPORTED', 'Старый формат Word/Excel (.doc, .xls) не поддерживается: сохраните файл как .docx или .xlsx.');
    case 'pdf':
      throw new ImportError('IMPORT_UNSUPPORTED', 'PDF не поддерживается: загрузите исходный документ Word (.docx) или вставьте таблицу текстом.');
    default:
      throw new ImportError('IMPORT_UNREADABLE', 'Не удалось прочитать файл: поддерживаются .docx, .xlsx, .csv и текст.');
  }
  return nonEmpty(structureRoadmap(doc, { filename }));
}

/** A table pasted as text (from Word or a spreadsheet): the same result as a file. */
export function importRoadmapText(text: string): ImportedRoadmap {
  if (text.trim() === '') throw new ImportError('IMPORT_EMPTY', 'Вставленный текст пуст.');
  if (text.length > MAX_IMPORT_BYTES) throw new ImportError('IMPORT_TOO_LARGE', 'Вставленный текст слишком велик.');
  return nonEmpty(structureRoadmap(readText(text)));
}
