import { z } from 'zod';

/*
 * A plan that Tropa exported carries its own title, organisation and period in the file's
 * properties (a custom property in DOCX, the workbook's properties in XLSX), so importing
 * an export gives back the same board even where the visible heading — a generic
 * «План мероприятий (дорожная карта)» over the title — would be read differently. Files
 * from anywhere else have no such property and are read from their heading as usual.
 */
export const EXPORT_PROPERTY = 'TropaRoadmap';

const Meta = z.object({
  title: z.string().min(1).max(2000),
  organisation: z.string().max(500).nullable(),
  period: z.object({ from: z.string().regex(/^\d{4}$/), to: z.string().regex(/^\d{4}$/) }).nullable(),
});
export type DocMeta = z.infer<typeof Meta>;

export const encodeExportMeta = (meta: DocMeta): string => JSON.stringify(meta);

/** The meta of a Tropa export, or null for anything else (a wrong or hand-edited value included). */
export function decodeExportMeta(value: unknown): DocMeta | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = Meta.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
