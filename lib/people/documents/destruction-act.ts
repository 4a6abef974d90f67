import {
  BLANK,
  BLANK_LONG,
  type Block,
  DEFAULT_TIME_ZONE,
  empty,
  field,
  heading,
  item,
  orBlank,
  pack,
  para,
  present,
  processorsText,
  ruDate,
  ruDateTime,
  signatureHint,
  signatureLine,
  table,
  title,
} from './common';
import { describePersonEvent } from './events';
import type { DestructionActInput, DestructionReason, PersonEvent } from './types';

/*
 * «Акт об уничтожении персональных данных» with, processing being automated, the extract of
 * the event log (Требования к подтверждению уничтожения персональных данных, приказ
 * Роскомнадзора от 28.10.2022 № 179). The act names (п. 3): the operator and its address;
 * the processor, if any; the subject — here «Участник №N» and the record's id, because the
 * name is already destroyed when the act is printed; who destroyed the data (names, positions,
 * signatures); the categories destroyed; the carrier or the information system; the method;
 * the reason; the date. The extract names the subject, the categories, the system, the reason
 * and the date, and lists the person's events. Both are kept 3 years.
 */

export const ACT_TITLE = 'Акт об уничтожении персональных данных';
export const EXTRACT_TITLE = 'Выгрузка из журнала регистрации событий в информационной системе персональных данных';

export const DESTROYED_CATEGORIES = [
  'фамилия, имя, отчество',
  'дата рождения (сохранена только возрастная группа, не позволяющая определить субъекта)',
  'контактные данные (номер телефона, адрес электронной почты)',
  'сведения о законном представителе (фамилия, имя, отчество, степень родства)',
  'сведения об участии в программе наставничества в форме свободного текста (запросы, отзывы, записи о встречах)',
  'персональные данные в записях журнала событий (зашифрованы ключом субъекта, ключ уничтожен)',
];

export const DEFAULT_SYSTEM = 'информационная система «Тропа», база данных PostgreSQL';
export const DEFAULT_METHOD = 'удаление записей и уничтожение ключа шифрования (криптографическое стирание)';

export function reasonText(r: DestructionReason): string {
  switch (r.kind) {
    case 'withdrawal':
      return `отзыв субъектом персональных данных (его законным представителем) согласия на обработку персональных данных ${ruDate(r.withdrawnOn) ?? BLANK} (ч. 5 ст. 21 Федерального закона № 152-ФЗ)`;
    case 'term_expired': {
      const until = ruDate(r.validUntil);
      return until ? `истечение срока действия согласия на обработку персональных данных (до ${until})` : 'истечение срока действия согласия на обработку персональных данных';
    }
    case 'curator_request': {
      const by = present(r.requestedBy);
      return by ? `решение оператора по представлению куратора программы наставничества (${by})` : 'решение оператора по представлению куратора программы наставничества';
    }
    case 'other':
      return orBlank(r.text, BLANK_LONG);
  }
}

function subjectText(input: DestructionActInput): string {
  return `${orBlank(input.subjectLabel)} (идентификатор записи в информационной системе: ${orBlank(input.personId)})`;
}

const timeHeader = (zone: string) => (zone === DEFAULT_TIME_ZONE ? 'Дата и время (московское время)' : `Дата и время (${zone})`);

/** Oldest first; events whose time does not parse keep their order after the others. */
function chronological(events: PersonEvent[]): PersonEvent[] {
  const keyed = events.map((e, i) => ({ e, i, t: Date.parse(e.at) }));
  keyed.sort((a, b) => {
    const an = Number.isNaN(a.t);
    const bn = Number.isNaN(b.t);
    if (an !== bn) return an ? 1 : -1;
    return (an ? 0 : a.t - b.t) || a.i - b.i;
  });
  return keyed.map((k) => k.e);
}

export async function destructionActDocx(input: DestructionActInput): Promise<Uint8Array> {
  const zone = present(input.timeZone) ?? DEFAULT_TIME_ZONE;
  const categories = input.categories && input.categories.length > 0 ? input.categories : DESTROYED_CATEGORIES;
  const system = present(input.system) ?? DEFAULT_SYSTEM;
  const method = present(input.method) ?? DEFAULT_METHOD;
  const reason = reasonText(input.reason);
  const destroyedOn = ruDate(input.destroyedOn) ?? BLANK;
  const number = orBlank(input.actNumber);
  const people = input.destroyedBy.length > 0 ? input.destroyedBy : [{ fullName: '', position: null }];

  const act: Block[] = [
    title(ACT_TITLE),
    para(`№ ${number}`, { center: true }),
    para(`Дата составления: ${ruDate(input.today) ?? BLANK}`, { right: true }),
    para(
      'Составлен в соответствии с Требованиями к подтверждению уничтожения персональных данных, утверждёнными приказом Федеральной службы ' +
        'по надзору в сфере связи, информационных технологий и массовых коммуникаций от 28.10.2022 № 179.',
      { justify: true, indent: true, spaceBefore: 160 },
    ),
    heading('1. Оператор персональных данных'),
    field('Наименование', input.operator.name, BLANK_LONG),
    field('Адрес', input.operator.address, BLANK_LONG),
    heading('2. Лицо, осуществлявшее обработку персональных данных по поручению оператора'),
    para(processorsText(input.processors)),
    heading('3. Субъект персональных данных'),
    para(subjectText(input)),
    para('Фамилия, имя, отчество субъекта уничтожены; субъект определяется по номеру участника и идентификатору записи.', { small: true, italics: true }),
    heading('4. Перечень категорий уничтоженных персональных данных'),
    ...categories.map((c) => item(orBlank(c))),
    heading('5. Информационная система персональных данных (носитель)'),
    para(system),
    field('Уничтоженные материальные носители (наименование, количество листов)', null, BLANK_LONG),
    heading('6. Способ уничтожения'),
    para(method),
    heading('7. Причина уничтожения'),
    para(reason),
    heading('8. Дата уничтожения'),
    para(destroyedOn),
    heading('9. Лица, уничтожившие персональные данные'),
    table(
      ['Фамилия, имя, отчество', 'Должность', 'Подпись'],
      people.map((p) => [orBlank(p.fullName, BLANK_LONG), orBlank(p.position), BLANK]),
      [5, 4, 3],
    ),
    empty(),
    para(`Приложение: ${EXTRACT_TITLE.charAt(0).toLowerCase()}${EXTRACT_TITLE.slice(1)} (далее — выгрузка из журнала).`, { justify: true }),
    para('Акт и выгрузка из журнала хранятся в течение 3 (трёх) лет с даты уничтожения персональных данных (приказ Роскомнадзора № 179).', {
      justify: true,
    }),
  ];

  const rows = chronological(input.events).map((e, i) => [
    String(i + 1),
    ruDateTime(e.at, zone),
    orBlank(e.actor),
    describePersonEvent(e.type, 'ru', { bank: e.bank }),
    present(e.note) ?? '',
  ]);
  const extract: Block[] = [
    para(`Приложение к акту об уничтожении персональных данных № ${number}`, { right: true, small: true, pageBreakBefore: true }),
    title(EXTRACT_TITLE),
    field('Субъект персональных данных', subjectText(input)),
    field('Перечень категорий уничтоженных персональных данных', categories.map((c) => orBlank(c)).join('; ')),
    field('Информационная система персональных данных', system),
    field('Причина уничтожения', reason),
    field('Дата уничтожения', destroyedOn),
    heading('События журнала по субъекту персональных данных'),
    table(['№ п/п', timeHeader(zone), 'Пользователь', 'Событие', 'Примечание'], rows, [1, 3, 4, 5, 4], 'событий нет'),
    signatureLine('Выгрузку сформировал', present(people[0].fullName)),
    signatureHint(),
  ];

  return pack(input.actNumber ? `${ACT_TITLE} № ${input.actNumber}` : ACT_TITLE, [...act, ...extract]);
}
