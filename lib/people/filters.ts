// The bank page's filters in words (the export's title row says what was exported).
const STATUS: Record<string, string> = { candidate: 'кандидаты', approved: 'утверждённые', in_pair: 'в паре', left: 'выбывшие' };
const CONSENT: Record<string, string> = { valid: 'согласие действует', missing: 'нет согласия', withdrawn: 'согласие отозвано' };

export function bankFilterSummary(q: Record<string, string | undefined>): string {
  const parts: string[] = [];
  if (q.q) parts.push(`поиск «${q.q}»`);
  if (q.form) parts.push(`форма «${q.form}»`);
  if (q.tag) parts.push(`тег «${q.tag}»`);
  if (q.status && STATUS[q.status]) parts.push(STATUS[q.status]);
  if (q.consent && CONSENT[q.consent]) parts.push(CONSENT[q.consent]);
  if (q.minor === 'yes') parts.push('несовершеннолетние');
  if (q.minor === 'no') parts.push('совершеннолетние');
  if (q.youngSpecialist === 'yes') parts.push('молодые специалисты');
  return parts.length ? `Отбор: ${parts.join(', ')}` : 'Все участники';
}
