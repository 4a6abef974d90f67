import type { ConsentPurpose } from '../types';
import {
  BLANK,
  BLANK_DATE,
  BLANK_LONG,
  type Block,
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
  runs,
  signatureHint,
  signatureLine,
  table,
  title,
} from './common';
import type { ConsentFormInput } from './types';

/*
 * The printable consent form: one separate document per consent (ст. 9 152-ФЗ as amended by
 * 156-ФЗ, from 01.09.2025 a consent is never bundled with other text). Pre-filled with what
 * Tropa knows, a blank line for everything else, and every element ч. 4 ст. 9 names:
 *   1 the subject's ФИО, address, identity document (number, date, issuer);
 *   2 the representative's ФИО, address, identity document and the document giving the authority;
 *   3 the operator's name and address;
 *   4 the purpose;  5 the list of personal data;
 *   6 the person processing on the operator's commission;
 *   7 the actions and a general description of the methods;
 *   8 the term and how to withdraw;  9 the signature.
 * The publication consent adds what ст. 10.1 and приказ РКН № 18 ask for; the mentor's
 * consent to the duties (ТК РФ ст. 351.8) is a labour document and names the contract instead.
 */

export const CONSENT_TITLES: Record<ConsentPurpose, string> = {
  pd_processing: 'Согласие на обработку персональных данных',
  publication: 'Согласие на обработку персональных данных, разрешённых субъектом персональных данных для распространения',
  mentor_duties: 'Согласие на выполнение обязанностей наставника',
};

export const DEFAULT_TERM = 'до окончания участия субъекта персональных данных в программе наставничества и в течение 3 (трёх) лет после его окончания';

export const PURPOSE_TEXT =
  'участие субъекта персональных данных в программе наставничества оператора, реализуемой по целевой модели наставничества ' +
  '(методология (целевая модель) наставничества, утверждённая распоряжением Минпросвещения России от 25.12.2019 № Р-145): ' +
  'формирование базы наставников и базы наставляемых, формирование наставнических пар (групп), организация и учёт встреч, ' +
  'оценка результатов программы наставничества';

export const PD_LIST = [
  'фамилия, имя, отчество',
  'дата рождения',
  'класс (для обучающихся) или должность (для работников)',
  'стаж педагогической работы',
  'контактные данные (номер телефона, адрес электронной почты)',
  'сведения об участии в программе наставничества: формы наставничества, запросы (наставляемого) и компетенции (наставника), ' +
    'наставническая пара (группа), встречи и отзывы о них, оценки и результаты участия',
];

export const ACTIONS =
  'сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, использование, ' +
  'обезличивание, блокирование, удаление, уничтожение';

export const METHODS =
  'смешанная обработка: автоматизированная (в информационной системе «Тропа») и неавтоматизированная (на бумажных носителях); ' +
  'трансграничная передача не осуществляется';

const PUBLISHED = ['Фамилия, имя, отчество', 'Фотографическое изображение', 'Класс / должность', 'Результаты участия в программе наставничества (достижения, итоги, отзывы)'];

export class ConsentFormError extends Error {}

function head(input: ConsentFormInput): Block[] {
  return [
    title(CONSENT_TITLES[input.purpose]),
    ...(input.signer === 'guardian' && input.purpose !== 'mentor_duties'
      ? [para('(оформляется родителем (законным представителем) несовершеннолетнего)', { center: true, small: true, italics: true })]
      : []),
    para(`№ ${orBlank(input.documentRef)}`, { center: true }),
    para(`Редакция: ${orBlank(input.textVersion)}`, { right: true, small: true }),
  ];
}

const identityDocument = (label = 'Документ, удостоверяющий личность') =>
  runs([`${label}: вид `, BLANK, ', серия и номер ', BLANK, ', дата выдачи ', BLANK, ', кем выдан ', BLANK_LONG]);

function subjectBlock(input: ConsentFormInput, n: number, contacts: boolean): Block[] {
  return [
    heading(`${n}. Субъект персональных данных`),
    field('Фамилия, имя, отчество', input.person.fullName, BLANK_LONG),
    field('Дата рождения', ruDate(input.person.birthDate)),
    field('Класс / должность', input.person.positionOrClass),
    field('Адрес места жительства (регистрации)', null, BLANK_LONG),
    identityDocument(),
    ...(contacts ? [field('Контактная информация (номер телефона, адрес электронной почты или почтовый адрес)', null, BLANK_LONG)] : []),
  ];
}

function guardianBlock(input: ConsentFormInput, n: number): Block[] {
  const g = input.guardian;
  return [
    heading(`${n}. Законный представитель субъекта персональных данных`),
    field('Фамилия, имя, отчество представителя', g?.fullName, BLANK_LONG),
    field('Кем приходится субъекту (степень родства)', g?.relation),
    field('Адрес места жительства (регистрации) представителя', null, BLANK_LONG),
    identityDocument('Документ, удостоверяющий личность представителя'),
    runs([
      'Документ, подтверждающий полномочия законного представителя (свидетельство о рождении, акт об установлении опеки или попечительства): вид ',
      BLANK,
      ', номер ',
      BLANK,
      ', дата выдачи ',
      BLANK,
      ', кем выдан ',
      BLANK_LONG,
    ]),
  ];
}

function operatorBlock(input: ConsentFormInput, n: number, label: string, ogrn: boolean): Block[] {
  const o = input.operator;
  return [
    heading(`${n}. ${label}`),
    field('Наименование', o.name, BLANK_LONG),
    field('Адрес', o.address, BLANK_LONG),
    field('ИНН', o.inn),
    ...(ogrn ? [field('ОГРН', o.ogrn)] : []),
  ];
}

function declaration(input: ConsentFormInput, law: string, whose: string): Block {
  const name = orBlank(input.person.fullName, BLANK_LONG);
  if (input.signer === 'guardian') {
    const g = input.guardian;
    return para(
      `Я, ${orBlank(g?.fullName, BLANK_LONG)}, являясь законным представителем (${orBlank(g?.relation)}) субъекта персональных данных ` +
        `${name}, ${law} свободно, своей волей и в интересе представляемого даю согласие оператору на обработку ${whose} ` +
        'представляемого на условиях, указанных ниже, а также моих персональных данных, указанных в настоящем согласии, в целях его оформления и учёта.',
      { justify: true, indent: true, spaceBefore: 160 },
    );
  }
  return para(`Я, ${name}, ${law} свободно, своей волей и в своём интересе даю согласие оператору на обработку моих ${whose} на условиях, указанных ниже.`, {
    justify: true,
    indent: true,
    spaceBefore: 160,
  });
}

function term(input: ConsentFormInput): string {
  const until = ruDate(input.validUntil);
  return until ? `до ${until}` : DEFAULT_TERM;
}

function signature(input: ConsentFormInput): Block[] {
  const guardian = input.signer === 'guardian';
  const out: Block[] = [
    para(`Дата: ${ruDate(input.signedOn) ?? BLANK_DATE}`, { spaceBefore: 240 }),
    signatureLine(
      guardian ? 'Законный представитель' : 'Субъект персональных данных',
      guardian ? (input.guardian?.fullName ?? null) : input.person.fullName,
    ),
    signatureHint(),
  ];
  if (guardian) {
    out.push(signatureLine('Несовершеннолетний, достигший 14 лет (при наличии)', input.person.fullName), signatureHint());
  }
  return out;
}

function foot(input: ConsentFormInput): Block[] {
  return [
    empty(),
    para(
      `Бланк сформирован ${ruDate(input.today) ?? BLANK} в информационной системе «Тропа». Согласие оформляется отдельным документом ` +
        'и не включается в другие документы (ст. 9 Федерального закона № 152-ФЗ в редакции Федерального закона № 156-ФЗ, с 01.09.2025).',
      { small: true, italics: true },
    ),
  ];
}

const WITHDRAWAL =
  'Согласие может быть отозвано мною в любой момент письменным заявлением, поданным оператору лично или направленным по его адресу. ' +
  'Оператор прекращает обработку персональных данных с момента поступления заявления и уничтожает их в срок, не превышающий 30 (тридцати) дней ' +
  'с даты поступления отзыва (ч. 5 ст. 21 Федерального закона № 152-ФЗ), о чём составляется акт об уничтожении персональных данных.';

function processingConsent(input: ConsentFormInput): Block[] {
  const guardian = input.signer === 'guardian';
  let n = 1;
  const blocks: Block[] = [...head(input), ...subjectBlock(input, n++, false)];
  if (guardian) blocks.push(...guardianBlock(input, n++));
  blocks.push(
    ...operatorBlock(input, n++, 'Оператор персональных данных', false),
    declaration(input, 'в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»', 'персональных данных'),
    heading(`${n++}. Цель обработки персональных данных`),
    para(PURPOSE_TEXT, { justify: true }),
    heading(`${n++}. Перечень персональных данных, на обработку которых даётся согласие`),
    ...PD_LIST.map(item),
    ...(guardian ? [item('фамилия, имя, отчество, степень родства и контактные данные законного представителя')] : []),
    heading(`${n++}. Лицо, осуществляющее обработку персональных данных по поручению оператора`),
    para(processorsText(input.processors)),
    heading(`${n++}. Перечень действий с персональными данными и общее описание способов обработки`),
    field('Действия', ACTIONS),
    field(
      'Доступ',
      'предоставляется только работникам оператора, участвующим в реализации программы наставничества, и участникам наставнической пары (группы), в которую включён субъект',
    ),
    field('Способы обработки', METHODS),
    heading(`${n++}. Срок действия согласия и порядок его отзыва`),
    field('Срок действия согласия', term(input)),
    field('Порядок отзыва согласия', WITHDRAWAL),
    ...signature(input),
    ...foot(input),
  );
  return blocks;
}

function publicationConsent(input: ConsentFormInput): Block[] {
  const guardian = input.signer === 'guardian';
  let n = 1;
  const blocks: Block[] = [...head(input), ...subjectBlock(input, n++, true)];
  if (guardian) blocks.push(...guardianBlock(input, n++));
  blocks.push(
    ...operatorBlock(input, n++, 'Оператор персональных данных', true),
    field(
      'Сведения об информационных ресурсах оператора, посредством которых предоставляется доступ неограниченному кругу лиц (адрес сайта, страницы)',
      input.operator.site,
      BLANK_LONG,
    ),
    declaration(
      input,
      'в соответствии со статьями 9 и 10.1 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»',
      'персональных данных, разрешённых для распространения,',
    ),
    heading(`${n++}. Цель обработки (распространения) персональных данных`),
    para(
      'размещение сведений об участии субъекта персональных данных в программе наставничества оператора, реализуемой по целевой модели ' +
        'наставничества, и о её результатах на информационных ресурсах оператора (официальный сайт, страницы в социальных сетях, стенды, публикации о программе)',
      { justify: true },
    ),
    heading(`${n++}. Перечень персональных данных, разрешённых для распространения, условия и запреты (ст. 10.1)`),
    para('Категория: персональные данные (специальные категории и биометрические персональные данные не распространяются).', { small: true }),
    table(
      ['Персональные данные', 'Разрешаю к распространению неограниченному кругу лиц (да / нет)', 'Условия и запреты'],
      PUBLISHED.map((p) => [p, BLANK, BLANK_LONG]),
      [4, 3, 4],
    ),
    field(
      'Условия, при которых полученные персональные данные могут передаваться оператором только по его внутренней сети, либо с использованием информационно-телекоммуникационных сетей, либо без передачи',
      null,
      BLANK_LONG,
    ),
    heading(`${n++}. Лицо, осуществляющее обработку персональных данных по поручению оператора`),
    para(processorsText(input.processors)),
    heading(`${n++}. Перечень действий с персональными данными и общее описание способов обработки`),
    field('Действия', `распространение (предоставление доступа неограниченному кругу лиц), ${ACTIONS}`),
    field('Способы обработки', METHODS),
    heading(`${n++}. Срок действия согласия и порядок его отзыва`),
    field('Срок действия согласия', term(input)),
    field(
      'Порядок отзыва согласия',
      'распространение персональных данных прекращается в любое время по моему письменному требованию, содержащему фамилию, имя, отчество, ' +
        'контактную информацию и перечень персональных данных, обработка которых подлежит прекращению (ч. 12 ст. 10.1 Федерального закона № 152-ФЗ); ' +
        'действие согласия прекращается с момента поступления требования оператору (ч. 14 ст. 10.1), персональные данные уничтожаются в срок, ' +
        'не превышающий 30 (тридцати) дней (ч. 5 ст. 21).',
    ),
    para('Молчание или бездействие не считается согласием на распространение персональных данных (ч. 8 ст. 10.1).', { small: true, italics: true }),
    ...signature(input),
    ...foot(input),
  );
  return blocks;
}

function mentorDutiesConsent(input: ConsentFormInput): Block[] {
  const o = input.operator;
  const name = orBlank(input.person.fullName, BLANK_LONG);
  return [
    ...head(input),
    heading('1. Работодатель'),
    field('Наименование', o.name, BLANK_LONG),
    field('Адрес', o.address, BLANK_LONG),
    field('ИНН', o.inn),
    heading('2. Работник'),
    field('Фамилия, имя, отчество', input.person.fullName, BLANK_LONG),
    field('Должность', input.person.positionOrClass),
    para(
      `Я, ${name}, в соответствии со статьёй 351.8 Трудового кодекса Российской Федерации даю согласие на выполнение обязанностей наставника ` +
        `(осуществление наставничества) в программе наставничества работодателя, реализуемой по целевой модели наставничества, на следующих условиях.`,
      { justify: true, indent: true, spaceBefore: 160 },
    ),
    heading('3. Условия наставничества'),
    field('Наставляемый (наставляемые), форма наставничества', null, BLANK_LONG),
    runs(['Срок наставничества: с ', BLANK, ' по ', ruDate(input.validUntil) ?? BLANK]),
    runs(['Условия наставничества и размер дополнительной оплаты определены трудовым договором № ', BLANK, ' от ', BLANK, ' (дополнительным соглашением № ', BLANK, ' от ', BLANK, ' к трудовому договору)']),
    field('Размер дополнительной оплаты', null),
    para(
      'Наставничество осуществляется с письменного согласия работника на условиях и за дополнительную оплату, определённые трудовым договором ' +
        '(дополнительным соглашением к нему) (ст. 351.8 ТК РФ). Досрочное прекращение выполнения обязанностей наставника — по соглашению сторон ' +
        'в порядке, определённом трудовым договором (дополнительным соглашением).',
      { justify: true },
    ),
    para('Настоящее согласие не является согласием на обработку персональных данных, которое оформляется отдельным документом (ст. 9 Федерального закона № 152-ФЗ).', {
      small: true,
      italics: true,
    }),
    para(`Дата: ${ruDate(input.signedOn) ?? BLANK_DATE}`, { spaceBefore: 240 }),
    signatureLine('Работник', input.person.fullName),
    signatureHint(),
    empty(),
    para(`Бланк сформирован ${ruDate(input.today) ?? BLANK} в информационной системе «Тропа».`, { small: true, italics: true }),
  ];
}

/** The consent form of `input.purpose` as a DOCX. A mentor's consent to the duties is signed by the employee: 'guardian' is refused. */
export async function consentFormDocx(input: ConsentFormInput): Promise<Uint8Array> {
  let blocks: Block[];
  switch (input.purpose) {
    case 'pd_processing':
      blocks = processingConsent(input);
      break;
    case 'publication':
      blocks = publicationConsent(input);
      break;
    case 'mentor_duties':
      if (input.signer !== 'self') throw new ConsentFormError('Согласие на выполнение обязанностей наставника подписывает сам работник (ст. 351.8 ТК РФ).');
      blocks = mentorDutiesConsent(input);
      break;
    default:
      throw new ConsentFormError(`Неизвестная цель согласия: ${String((input as { purpose: unknown }).purpose)}`);
  }
  const docTitle = present(input.documentRef) ? `${CONSENT_TITLES[input.purpose]} № ${input.documentRef}` : CONSENT_TITLES[input.purpose];
  return pack(docTitle, blocks);
}
