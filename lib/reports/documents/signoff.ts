import { ruDateTime } from '../../people/documents/common';
import type { ChildReport, OrgReport } from '../types';

/* How the documents state a report's sign-off: the справка's header line and the roll-up's status column. */

export const UNSIGNED_LINE = 'Черновик: не подписано';

/** An ISO time's date in Moscow, dd.mm.yyyy. */
export const day = (iso: string) => ruDateTime(iso).slice(0, 10);

/** «Подписано: Иванова М. П., 10.01.2025, версия 1» or «Черновик: не подписано». */
export function signedLine(report: Pick<OrgReport, 'signed'>): string {
  const s = report.signed;
  return s ? `Подписано: ${s.byName ?? 'руководитель'}, ${day(s.at)}, версия ${s.version}` : UNSIGNED_LINE;
}

/** A child's report status in words: «подписан 10.01.2025 (версия 1)», «не подписан», «не представлен». */
export function childStatus(c: ChildReport): string {
  if (c.signed) return `подписан ${day(c.signed.at)} (версия ${c.signed.version})`;
  return c.reported ? 'не подписан' : 'не представлен';
}
