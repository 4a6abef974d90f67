import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xmlSafe } from './common';
import { ConsentFormError, consentFormDocx } from './consent-form';
import { docxProblems, docxText, docxXml } from './docx-text';
import type { ConsentFormInput } from './types';

const BLANK = '____________';

const base: ConsentFormInput = {
  operator: { name: 'МБОУ «СОШ № 5»', address: '430000, г. Саранск, ул. Ленина, д. 1', inn: '1326000000' },
  purpose: 'pd_processing',
  person: { fullName: 'Иванов Иван Иванович', birthDate: '2011-03-04', positionOrClass: '8 «Б» класс' },
  signer: 'self',
  documentRef: 'С-15',
  textVersion: '2025-09-01',
  validUntil: null,
  signedOn: null,
  today: '2025-10-01',
};

const guardianInput: ConsentFormInput = { ...base, signer: 'guardian', guardian: { fullName: 'Иванова Мария Петровна', relation: 'мать' } };

const text = async (input: ConsentFormInput) => docxText(await consentFormDocx(input));

/** Every element ч. 4 ст. 9 152-ФЗ names, as the form labels it (the representative's apart). */
const SUBJECT_AND_OPERATOR = [
  'Субъект персональных данных',
  'Фамилия, имя, отчество: Иванов Иван Иванович',
  'Дата рождения: 04.03.2011',
  'Класс / должность: 8 «Б» класс',
  `Адрес места жительства (регистрации): ${BLANK}`,
  `Документ, удостоверяющий личность: вид ${BLANK}, серия и номер ${BLANK}, дата выдачи ${BLANK}, кем выдан ${BLANK}`,
  'Наименование: МБОУ «СОШ № 5»',
  'Адрес: 430000, г. Саранск, ул. Ленина, д. 1',
  'Лицо, осуществляющее обработку персональных данных по поручению оператора',
  'Срок действия согласия: ',
  'Порядок отзыва согласия: ',
  'Дата: «___» ____________ 20___ г.',
  '(подпись)',
  '№ С-15',
  'Редакция: 2025-09-01',
];

const ACTIONS = ['сбор', 'запись', 'систематизация', 'накопление', 'хранение', 'уточнение', 'извлечение', 'использование', 'обезличивание', 'блокирование', 'удаление', 'уничтожение'];

const GUARDIAN_BLOCK = [
  'Законный представитель субъекта персональных данных',
  'Фамилия, имя, отчество представителя: Иванова Мария Петровна',
  'Кем приходится субъекту (степень родства): мать',
  `Адрес места жительства (регистрации) представителя: ${BLANK}`,
  `Документ, удостоверяющий личность представителя: вид ${BLANK}`,
  'Документ, подтверждающий полномочия законного представителя (свидетельство о рождении',
];

describe('consentFormDocx: processing of personal data', () => {
  it('is a DOCX that opens: A4 portrait, Times New Roman', async () => {
    const buf = await consentFormDocx(base);
    expect(docxProblems(buf)).toEqual([]);
    const xml = docxXml(buf);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('Times New Roman');
  });

  it('holds every element of ч. 4 ст. 9 for a self-signed consent', async () => {
    const t = await text(base);
    expect(t.split('\n')[0]).toBe('Согласие на обработку персональных данных');
    for (const s of SUBJECT_AND_OPERATOR) expect(t).toContain(s);
    // the purpose: the programme under the target model
    expect(t).toContain('Цель обработки персональных данных');
    expect(t).toMatch(/участие субъекта персональных данных в программе наставничества оператора, реализуемой по целевой модели наставничества/);
    // the list of data
    for (const d of ['фамилия, имя, отчество', 'дата рождения', 'класс (для обучающихся) или должность', 'стаж', 'контактные данные', 'формы наставничества', 'запросы', 'компетенции', 'встречи', 'оценки']) {
      expect(t).toContain(d);
    }
    // the actions and the methods
    const actions = /Действия: (.*)/.exec(t)?.[1] ?? '';
    for (const a of ACTIONS) expect(actions).toContain(a);
    expect(t).toMatch(/Способы обработки: .*автоматизированная.*неавтоматизированная/);
    // the term and the withdrawal
    expect(t).toContain('Срок действия согласия: до окончания участия субъекта персональных данных в программе наставничества и в течение 3 (трёх) лет после его окончания');
    expect(t).toMatch(/Порядок отзыва согласия: .*письменным заявлением.*30 \(тридцати\) дней.*ч\. 5 ст\. 21/);
    // signed by the subject
    expect(t).toContain('Субъект персональных данных ____________ / Иванов Иван Иванович /');
    expect(t).toContain('Я, Иванов Иван Иванович, в соответствии со статьёй 9');
  });

  it('has no representative block when the subject signs', async () => {
    const t = await text(base);
    for (const s of GUARDIAN_BLOCK) expect(t).not.toContain(s);
    expect(t).not.toContain('законным представителем');
  });

  it('adds the representative, the document of authority and the relation when a guardian signs', async () => {
    const t = await text(guardianInput);
    for (const s of [...SUBJECT_AND_OPERATOR, ...GUARDIAN_BLOCK]) expect(t).toContain(s);
    expect(t).toContain('Я, Иванова Мария Петровна, являясь законным представителем (мать) субъекта персональных данных Иванов Иван Иванович');
    expect(t).toContain('Законный представитель ____________ / Иванова Мария Петровна /');
    expect(t).toContain('фамилия, имя, отчество, степень родства и контактные данные законного представителя');
    // the representative's block comes before the operator's
    expect(t.indexOf('Законный представитель субъекта')).toBeLessThan(t.indexOf('Оператор персональных данных'));
  });

  it('prints blank lines, never null or undefined, for what is not known', async () => {
    const t = await text({
      ...guardianInput,
      operator: { name: 'Школа', address: null },
      person: { fullName: 'Петров Пётр', birthDate: null, positionOrClass: null },
      guardian: { fullName: null, relation: null },
      documentRef: null,
      signedOn: null,
      processors: undefined,
    });
    expect(t).not.toMatch(/null|undefined|NaN|Invalid/);
    expect(t).toContain(`Дата рождения: ${BLANK}`);
    expect(t).toContain(`Класс / должность: ${BLANK}`);
    expect(t).toContain(`№ ${BLANK}`);
    expect(t).toContain(`Адрес: ${BLANK}`);
    expect(t).toContain(`ИНН: ${BLANK}`);
    expect(t).toContain(`Фамилия, имя, отчество представителя: ${BLANK}`);
    expect(t).toContain(`Кем приходится субъекту (степень родства): ${BLANK}`);
    expect(t).toContain(`являясь законным представителем (${BLANK})`);
    expect(t).toContain('Дата: «___» ____________ 20___ г.');
  });

  it('prints what is known: the term, the date of signing, no processors', async () => {
    const t = await text({ ...base, validUntil: '2026-08-31', signedOn: '2025-09-02', processors: [] });
    expect(t).toContain('Срок действия согласия: до 31.08.2026');
    expect(t).toContain('Дата: 02.09.2025');
    expect(t).toContain('не поручается');
    expect(t).toContain('Бланк сформирован 01.10.2025');
    const named = await text({ ...base, processors: [{ name: 'ООО «Облако»', address: 'г. Москва' }] });
    expect(named).toContain('ООО «Облако», адрес: г. Москва');
  });

  it('is a separate document: no other consent is bundled into it', async () => {
    const t = await text(guardianInput);
    expect(t).not.toContain('для распространения');
    expect(t).not.toContain('обязанностей наставника');
    expect(t.match(/Согласие на/g)).toHaveLength(1);
  });
});

describe('consentFormDocx: publication (ст. 10.1)', () => {
  const pub: ConsentFormInput = { ...guardianInput, purpose: 'publication', operator: { ...base.operator, ogrn: '1021300000000', site: 'https://school5.example' } };

  it('names what may be published with fields for conditions and prohibitions', async () => {
    const buf = await consentFormDocx(pub);
    expect(docxProblems(buf)).toEqual([]);
    const t = docxText(buf);
    expect(t.split('\n')[0]).toBe('Согласие на обработку персональных данных, разрешённых субъектом персональных данных для распространения');
    for (const s of [...SUBJECT_AND_OPERATOR, ...GUARDIAN_BLOCK]) expect(t).toContain(s);
    expect(t).toContain('статьями 9 и 10.1');
    expect(t).toContain('Условия и запреты');
    for (const p of ['Фамилия, имя, отчество', 'Фотографическое изображение', 'Результаты участия в программе наставничества']) expect(t).toContain(p);
    expect(t).toContain('ОГРН: 1021300000000');
    expect(t).toContain('https://school5.example');
    expect(t).toMatch(/Контактная информация \(номер телефона, адрес электронной почты или почтовый адрес\): _+/);
    expect(t).toMatch(/Действия: распространение/);
    expect(t).toMatch(/ч\. 12 ст\. 10\.1/);
    expect(t).not.toContain('обязанностей наставника');
  });

  it('leaves the site and ОГРН blank when the operator has none', async () => {
    const t = await text({ ...pub, operator: base.operator });
    expect(t).toContain(`ОГРН: ${BLANK}`);
    expect(t).toMatch(/предоставляется доступ неограниченному кругу лиц \(адрес сайта, страницы\): _+/);
    expect(t).not.toMatch(/null|undefined/);
  });
});

describe('consentFormDocx: a mentor’s consent to the duties (ТК РФ ст. 351.8)', () => {
  const duties: ConsentFormInput = {
    ...base,
    purpose: 'mentor_duties',
    person: { fullName: 'Сидорова Анна Павловна', birthDate: '1980-01-01', positionOrClass: 'учитель математики' },
  };

  it('refers the terms and the pay to the labour contract, with blanks', async () => {
    const buf = await consentFormDocx(duties);
    expect(docxProblems(buf)).toEqual([]);
    const t = docxText(buf);
    expect(t.split('\n')[0]).toBe('Согласие на выполнение обязанностей наставника');
    expect(t).toContain('статьёй 351.8 Трудового кодекса');
    expect(t).toContain('Должность: учитель математики');
    expect(t).toContain(`трудовым договором № ${BLANK} от ${BLANK}`);
    expect(t).toContain(`Размер дополнительной оплаты: ${BLANK}`);
    expect(t).toContain(`Срок наставничества: с ${BLANK} по ${BLANK}`);
    expect(t).toContain('Работник ____________ / Сидорова Анна Павловна /');
    expect(t).toContain('Редакция: 2025-09-01');
    expect(t).not.toMatch(/null|undefined/);
    expect(await text({ ...duties, validUntil: '2026-05-31' })).toContain(`Срок наставничества: с ${BLANK} по 31.05.2026`);
  });

  it('is refused when a guardian would sign it', async () => {
    await expect(consentFormDocx({ ...duties, signer: 'guardian', guardian: { fullName: 'X', relation: 'мать' } })).rejects.toThrow(ConsentFormError);
  });
});

describe('consentFormDocx: arbitrary names', () => {
  const piece = fc.oneof(
    fc.constantFrom('"', "'", '<', '>', '&', '&amp;', '<w:t>', ']]>', '😀', '👩‍👧', '«', '»', 'Ё', ' ', '\t', '\u0001', '\uD800', '\uFFFF'),
    fc.string({ unit: 'binary', maxLength: 6 }),
  );
  const name = fc.array(piece, { minLength: 1, maxLength: 6 }).map((a) => a.join(''));

  it('builds, opens, and prints every name verbatim (less what XML cannot carry)', async () => {
    await fc.assert(
      fc.asyncProperty(name, name, name, fc.constantFrom('pd_processing' as const, 'publication' as const), async (person, guardian, operator, purpose) => {
        const buf = await consentFormDocx({ ...guardianInput, purpose, person: { ...base.person, fullName: person }, guardian: { fullName: guardian, relation: 'отец' }, operator: { name: operator } });
        expect(docxProblems(buf)).toEqual([]);
        const t = docxText(buf);
        for (const n of [person, guardian, operator]) {
          const shown = xmlSafe(n);
          if (shown.trim() === '') continue;
          expect(t).toContain(shown);
        }
      }),
      { numRuns: 60 },
    );
  });
});
