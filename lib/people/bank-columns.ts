/*
 * The columns of a bank list as schools keep them: Russian headers, written many ways
 * («ФИО», «Фамилия, имя, отчество», «Ф.И.О. наставляемого», «Дата рождения», «Д.р.»,
 * «Педагогический стаж (лет)», «E-mail», «Согласие на обработку ПДн», …), recognised after
 * normalising case, ё/е, punctuation and spacing. Pure.
 */

export const BANK_FIELDS = [
  'fullName',
  'lastName',
  'firstName',
  'middleName',
  'birthDate',
  'category',
  'positionOrClass',
  'experienceYears',
  'phone',
  'email',
  'contacts',
  'forms',
  'tags',
  'requestText',
  'capacity',
  'consent',
  'consentDate',
  'consentRef',
  'consentSigner',
  'guardianName',
  'guardianRelation',
  /** Recognised and deliberately not read: «№ п/п», and what Tropa computes or sets itself
   * («Несовершеннолетний», «Возраст», «Молодой специалист», «Статус», «Дата отзыва согласия»). */
  'ignore',
] as const;
export type BankField = (typeof BANK_FIELDS)[number];

/** A header as compared: lower case, ё → е, punctuation → space (№ kept), spaces collapsed. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}№]+/gu, ' ')
    .trim();
}

// First match wins: the specific before the general («ФИО законного представителя» before
// «ФИО», «Дата согласия» before «Согласие», «Дата отзыва согласия» before both).
const RULES: readonly [RegExp, BankField][] = [
  [/^(№|n|no|nn|номер)( ?п ?п)?$|^п ?п$|^№ ?п ?п$/, 'ignore'],
  [/отзыв|несовершеннолет|^возраст|молод\S* специалист|^статус( участника| в банке)?$/, 'ignore'],
  [/(законн|родител|опекун|попечител|представител).*(фио|фамил|имя)|(фио|фамил|имя).*(законн|родител|опекун|попечител|представител)/, 'guardianName'],
  [/^(законн\S* представител\S*|родител\S*( законн\S* представител\S*)?|опекун\S*)$/, 'guardianName'],
  [/степен\S* родства|родство|кем приходится|отношени\S* к (ребенку|обучающемуся|участнику)/, 'guardianRelation'],
  [/кто подписал|подписант|подписал|кем подписан/, 'consentSigner'],
  [/согласи.*( дат\S*| от)$|дата.*согласи/, 'consentDate'],
  [/согласи.*(номер|№)|(номер|№).*согласи/, 'consentRef'],
  [/согласи/, 'consent'],
  [/дата рожд|^д ?р$|^рожден|дата и место рожд/, 'birthDate'],
  [/фамили\S*.*имя|(^| )фио( |$)|^ф ?и ?о( |$)/, 'fullName'],
  [/^фамили/, 'lastName'],
  [/^имя( |$)/, 'firstName'],
  [/^отчеств/, 'middleName'],
  [/количеств\S* наставляем|число наставляем|нагрузк|сколько наставляем|макс\S* (число|количеств)/, 'capacity'],
  [/стаж/, 'experienceYears'],
  [/категори/, 'category'],
  [/класс|должност|групп|^курс|место работы/, 'positionOrClass'],
  [/^контакты|контактн\S* данн|контактн\S* информац|^связь/, 'contacts'],
  [/телефон|^тел( |$)|мобильн/, 'phone'],
  [/e ?mail|^эл\S* ?почт|электронн\S* почт|^почта/, 'email'],
  [/форм\S* наставнич|^форм\S*$/, 'forms'],
  [/текст запроса|описание запроса|запрос подробно|формулировка запроса/, 'requestText'],
  [/компетенц|запрос|дефицит|интерес|навык|^теги?$|направлени\S* (помощи|поддержки)|затруднени/, 'tags'],
  // a lone «Наставник» / «Наставляемый» / «Участник» column holds the names
  [/^(наставник|наставляем\S*|участник|обучающийся|ученик)$/, 'fullName'],
];

/** The field a header stands for, or null when it is not recognised. */
export function recogniseHeader(header: string): BankField | null {
  const h = normaliseHeader(header);
  if (!h) return null;
  for (const [re, field] of RULES) if (re.test(h)) return field;
  return null;
}

// A sub-header that narrows its parent: «ФИО» over «Фамилия», «Контакты» over «Телефон».
const NARROWER: Partial<Record<BankField, readonly BankField[]>> = {
  fullName: ['lastName', 'firstName', 'middleName'],
  contacts: ['phone', 'email'],
};

/**
 * A header of two levels: a merged parent («Согласие на обработку ПДн», «Законный
 * представитель», «ФИО») over a sub-header («Дата», «Кто подписал», «ФИО», «Фамилия»). The
 * two read together first («Законный представитель ФИО» is the guardian's name), then the
 * sub-header alone; a sub-header narrowing its parent («Фамилия» under «ФИО», «Телефон»
 * under «Контакты») keeps its own meaning.
 */
export function recogniseTwoLevel(parent: string, sub: string): BankField | null {
  const alone = recogniseHeader(sub);
  const together = recogniseHeader(`${parent} ${sub}`);
  if (together && alone && NARROWER[together]?.includes(alone)) return alone;
  return together ?? alone;
}
