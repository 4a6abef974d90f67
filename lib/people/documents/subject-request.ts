import type { ConsentPurpose } from '../types';
import { messagesFor } from '../../i18n/messages';
import { isRole } from '../../permissions/roles';
import {
  BLANK,
  BLANK_DATE,
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
import { ACTIONS, CONSENT_TITLES, DEFAULT_TERM, METHODS, PURPOSE_TEXT } from './consent-form';
import type { DocConsent, SubjectRequestAnswerInput } from './types';

/*
 * The answer to a subject's request (ст. 14 152-ФЗ, ч. 7): that the data is processed; the
 * legal basis and purposes; the methods; the operator and who has had access; the data held
 * and its source; the terms; how to exercise the rights; the processors and transfers (none
 * unless given). The values are as the caller passes them: what this reader may see.
 */

export const ANSWER_TITLE = 'Ответ на запрос субъекта персональных данных';

const NOT_HELD = 'не обрабатывается';

const PURPOSES: Record<ConsentPurpose, string> = {
  pd_processing: PURPOSE_TEXT,
  publication: 'распространение сведений об участии в программе наставничества и её результатах (ст. 10.1 Федерального закона № 152-ФЗ)',
  mentor_duties: 'выполнение обязанностей наставника (ст. 351.8 Трудового кодекса Российской Федерации)',
};

const CONSENT_SHORT: Record<ConsentPurpose, string> = {
  pd_processing: 'обработка персональных данных',
  publication: 'распространение (ст. 10.1)',
  mentor_duties: 'обязанности наставника (ТК РФ ст. 351.8)',
};

function signerText(c: DocConsent): string {
  if (c.signer === 'guardian') return `законный представитель${present(c.guardianRelation) ? ` (${c.guardianRelation})` : ''}: ${orBlank(c.signerName)}`;
  return `субъект: ${orBlank(c.signerName)}`;
}

function consentRef(c: DocConsent): string {
  return `№ ${orBlank(c.documentRef)} от ${ruDate(c.signedOn) ?? BLANK}`;
}

function basis(c: DocConsent): string {
  const state = present(c.withdrawnOn) ? `, отозвано ${ruDate(c.withdrawnOn)}` : '';
  if (c.purpose === 'mentor_duties') return `${CONSENT_TITLES.mentor_duties} ${consentRef(c)}${state} — цель: ${PURPOSES.mentor_duties}`;
  return `согласие субъекта персональных данных (п. 1 ч. 1 ст. 6 Федерального закона № 152-ФЗ) ${consentRef(c)}${state} — цель: ${PURPOSES[c.purpose]}`;
}

function roleText(role: string | null): string {
  const r = present(role);
  if (r === null) return '';
  return isRole(r) ? messagesFor('ru').roles[r] : r;
}

export async function subjectRequestAnswerDocx(input: SubjectRequestAnswerInput): Promise<Uint8Array> {
  const zone = present(input.timeZone) ?? DEFAULT_TIME_ZONE;
  const o = input.operator;
  const req = input.request;
  const number = orBlank(input.answerNumber);
  const processing = input.consents.filter((c) => c.purpose === 'pd_processing');
  const terms = processing.length > 0 ? processing.map((c) => `${consentRef(c)}: ${ruDate(c.validUntil) ? `до ${ruDate(c.validUntil)}` : DEFAULT_TERM}`) : [DEFAULT_TERM];

  const blocks: Block[] = [
    para(`Кому: ${orBlank(req.requesterName, BLANK_LONG)}`, { right: true }),
    para(`Адрес: ${orBlank(req.requesterAddress, BLANK_LONG)}`, { right: true }),
    empty(),
    title(ANSWER_TITLE),
    para(`№ ${number} от ${ruDate(input.today) ?? BLANK}`, { center: true }),
    para(
      `На Ваш запрос от ${ruDate(req.receivedOn) ?? BLANK_DATE}${present(req.ref) ? ` (вх. № ${req.ref})` : ''} в соответствии со статьёй 14 ` +
        `Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных» оператор ${orBlank(o.name, BLANK_LONG)} сообщает следующее.`,
      { justify: true, indent: true, spaceBefore: 160 },
    ),
    heading('1. Подтверждение факта обработки персональных данных'),
    para(`Оператор обрабатывает персональные данные субъекта персональных данных ${orBlank(input.subjectName, BLANK_LONG)}.`, { justify: true }),
    heading('2. Обрабатываемые персональные данные и источник их получения'),
    table(
      ['Сведения', 'Значение'],
      input.fields.map((f) => [orBlank(f.label), present(f.value) ?? NOT_HELD]),
      [2, 3],
      'сведений нет',
    ),
    field('Источник получения', present(input.source) ?? 'от субъекта персональных данных (его законного представителя)'),
    field('Обработка осуществляется с', ruDate(input.enteredOn)),
    heading('3. Правовые основания и цели обработки'),
    ...(input.consents.length > 0 ? input.consents.map((c) => item(basis(c))) : [para('согласие субъекта персональных данных не зарегистрировано')]),
    heading('4. Способы обработки'),
    field('Действия с персональными данными', ACTIONS),
    field('Способы обработки', METHODS),
    heading('5. Сроки обработки, в том числе хранения'),
    ...terms.map(item),
    para(
      'При отзыве согласия обработка прекращается, а персональные данные уничтожаются в срок, не превышающий 30 (тридцати) дней с даты поступления отзыва (ч. 5 ст. 21).',
      { justify: true },
    ),
    heading('6. Согласия субъекта персональных данных'),
    table(
      ['Цель', 'Кто подписал', 'Подписано', 'Действует до', 'Отозвано', 'Документ'],
      input.consents.map((c) => [
        CONSENT_SHORT[c.purpose],
        signerText(c),
        ruDate(c.signedOn) ?? BLANK,
        ruDate(c.validUntil) ?? 'до окончания участия и 3 лет после',
        ruDate(c.withdrawnOn) ?? '—',
        `№ ${orBlank(c.documentRef)}${present(c.textVersion) ? `, редакция ${c.textVersion}` : ''}`,
      ]),
      [3, 4, 2, 2, 2, 3],
      'согласий нет',
    ),
    heading('7. Лица, имевшие доступ к персональным данным'),
    table(
      [zone === DEFAULT_TIME_ZONE ? 'Дата и время (московское время)' : `Дата и время (${zone})`, 'Кто', 'Роль', 'Просмотр'],
      input.access.map((a) => [ruDateTime(a.at, zone), orBlank(a.actorName), roleText(a.role), present(a.view) ?? '']),
      [3, 4, 2, 3],
      'доступа к персональным данным не было',
    ),
    heading('8. Обработка по поручению оператора и передача персональных данных'),
    field('Лицо, осуществляющее обработку по поручению оператора', processorsText(input.processors)),
    para('Передача персональных данных третьим лицам и трансграничная передача не осуществлялись.'),
    heading('9. Права субъекта персональных данных'),
    item('получать сведения об обработке своих персональных данных (ст. 14); повторный запрос — не ранее чем через 30 дней (ч. 4 ст. 14);'),
    item('требовать уточнения, блокирования или уничтожения персональных данных, если они неполные, устаревшие, неточные, незаконно полученные или не являются необходимыми для цели обработки (ч. 1 ст. 14, ст. 21);'),
    item('отозвать согласие на обработку персональных данных письменным заявлением оператору (ч. 2 ст. 9, ч. 5 ст. 21);'),
    item('обжаловать действия или бездействие оператора в Роскомнадзор или в судебном порядке (ст. 17).'),
    heading('10. Сведения об операторе'),
    field('Наименование', o.name, BLANK_LONG),
    field('Адрес', o.address, BLANK_LONG),
    field('ИНН', o.inn),
    field('Меры по обеспечению безопасности (ст. 18.1, 19)', 'разграничение доступа по ролям, журнал доступа к персональным данным, шифрование персональных данных в журнале событий'),
    para(`Дата: ${ruDate(input.today) ?? BLANK_DATE}`, { spaceBefore: 240 }),
    signatureLine(present(input.responsible.position) ?? 'Ответственный за организацию обработки персональных данных', present(input.responsible.fullName)),
    signatureHint(),
  ];
  return pack(present(input.answerNumber) ? `${ANSWER_TITLE} № ${input.answerNumber}` : ANSWER_TITLE, blocks);
}
