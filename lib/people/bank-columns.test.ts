import { describe, expect, it } from 'vitest';
import { recogniseHeader, recogniseTwoLevel } from './bank-columns';

describe('recogniseHeader', () => {
  const cases: [string, string | null][] = [
    ['№ п/п', 'ignore'],
    ['N п/п', 'ignore'],
    ['№', 'ignore'],
    ['ФИО', 'fullName'],
    ['Ф.И.О.', 'fullName'],
    ['Фамилия, имя, отчество', 'fullName'],
    ['ФИО наставляемого', 'fullName'],
    ['Фамилия Имя Отчество (полностью)', 'fullName'],
    ['Наставник', 'fullName'],
    ['Фамилия', 'lastName'],
    ['Имя', 'firstName'],
    ['Отчество', 'middleName'],
    ['Дата рождения', 'birthDate'],
    ['Дата  рождения (дд.мм.гггг)', 'birthDate'],
    ['Д.р.', 'birthDate'],
    ['Категория', 'category'],
    ['Категория участника', 'category'],
    ['Класс', 'positionOrClass'],
    ['Должность', 'positionOrClass'],
    ['Класс / должность', 'positionOrClass'],
    ['Группа', 'positionOrClass'],
    ['Стаж', 'experienceYears'],
    ['Педагогический стаж (лет)', 'experienceYears'],
    ['Телефон', 'phone'],
    ['Контактный телефон', 'phone'],
    ['E-mail', 'email'],
    ['Email', 'email'],
    ['Электронная почта', 'email'],
    ['Контакты (телефон, e-mail)', 'contacts'],
    ['Форма наставничества', 'forms'],
    ['Формы наставничества', 'forms'],
    ['Компетенции', 'tags'],
    ['Профессиональные компетенции', 'tags'],
    ['Запрос', 'tags'],
    ['Запрос наставляемого', 'tags'],
    ['Дефицит', 'tags'],
    ['Профессиональные дефициты', 'tags'],
    ['Интересы', 'tags'],
    ['Текст запроса', 'requestText'],
    ['Количество наставляемых', 'capacity'],
    ['Нагрузка', 'capacity'],
    ['Согласие на обработку ПДн', 'consent'],
    ['Согласие на обработку персональных данных (да/нет)', 'consent'],
    ['Дата согласия', 'consentDate'],
    ['Дата подписания согласия', 'consentDate'],
    ['№ согласия', 'consentRef'],
    ['Кто подписал', 'consentSigner'],
    ['Кто подписал согласие', 'consentSigner'],
    ['ФИО законного представителя', 'guardianName'],
    ['ФИО родителя (законного представителя)', 'guardianName'],
    ['Законный представитель', 'guardianName'],
    ['Степень родства', 'guardianRelation'],
    ['Несовершеннолетний', 'ignore'],
    ['Молодой специалист', 'ignore'],
    ['Статус', 'ignore'],
    ['Дата отзыва согласия', 'ignore'],
    ['Примечание', null],
    ['Подпись', null],
    ['', null],
  ];
  it.each(cases)('«%s» → %s', (header, field) => {
    expect(recogniseHeader(header)).toBe(field);
  });

  it('is not fooled by case and ё', () => {
    expect(recogniseHeader('ДАТА РОЖДЕНИЯ')).toBe('birthDate');
    expect(recogniseHeader('Кем подписаnо')).toBe(null);
    expect(recogniseHeader('кто подписал (сам/родитель)')).toBe('consentSigner');
  });
});

describe('recogniseTwoLevel', () => {
  it('reads a sub-header under its merged parent', () => {
    expect(recogniseTwoLevel('Согласие на обработку ПДн', 'Дата')).toBe('consentDate');
    expect(recogniseTwoLevel('Согласие на обработку ПДн', 'Кто подписал')).toBe('consentSigner');
    expect(recogniseTwoLevel('Законный представитель', 'ФИО')).toBe('guardianName');
    expect(recogniseTwoLevel('Контакты', 'Телефон')).toBe('phone');
    expect(recogniseTwoLevel('ФИО', 'Фамилия')).toBe('lastName');
    expect(recogniseTwoLevel('ФИО', 'Имя')).toBe('firstName');
    expect(recogniseTwoLevel('Сведения', 'Примечание')).toBe(null);
  });
});
