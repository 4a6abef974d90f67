import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/messages';
import { localizeTemplate, SURVEY_TEMPLATES, surveyTemplate } from './templates';
import { SURVEY_ITEM_KINDS, SURVEY_TEMPLATE_IDS } from './types';

describe('survey templates', () => {
  it('has a mentee and a mentor questionnaire', () => {
    expect(SURVEY_TEMPLATES.map((t) => [t.id, t.audience])).toEqual([
      ['mentee_satisfaction', 'mentee'],
      ['mentor_satisfaction', 'mentor'],
    ]);
    for (const id of SURVEY_TEMPLATE_IDS) expect(surveyTemplate(id)?.id).toBe(id);
  });

  it('knows no other template, whatever the id', () => {
    for (const id of ['', 'x', 'toString', '__proto__', 'constructor', 'MENTEE_SATISFACTION']) expect(surveyTemplate(id)).toBeNull();
  });

  it('holds rated items, yes/no and open questions, with unique ids and texts in both locales; the scale items are required', () => {
    for (const t of SURVEY_TEMPLATES) {
      const ids = t.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const kind of SURVEY_ITEM_KINDS) expect(t.items.some((i) => i.kind === kind)).toBe(true);
      for (const i of t.items) {
        expect(i.required).toBe(i.kind === 'scale');
        for (const l of LOCALES) expect(i.text[l].trim()).not.toBe('');
        expect(i.text.ru).toMatch(/[а-яё]/i);
      }
      for (const l of LOCALES) expect(t.title[l].trim()).not.toBe('');
    }
  });

  it('asks what the target model’s questionnaires ask', () => {
    const mentee = surveyTemplate('mentee_satisfaction')!;
    const text = (id: string) => mentee.items.find((i) => i.id === id);
    expect(text('comfort')).toMatchObject({ kind: 'scale', text: { ru: 'Насколько комфортно было работать с наставником?' } });
    expect(text('meetings_useful')).toMatchObject({ kind: 'scale', text: { ru: 'Насколько полезными были встречи с наставником?' } });
    expect(text('continue')).toMatchObject({ kind: 'yesno', text: { ru: 'Хотели бы вы продолжить работу в программе наставничества?' } });
    expect(text('most_valuable')).toMatchObject({ kind: 'open', text: { ru: 'Что было самым ценным для вас в программе?' } });
  });

  it('gives one locale’s texts for the forms', () => {
    const t = localizeTemplate(surveyTemplate('mentor_satisfaction')!, 'en');
    expect(t.title).toBe('Mentor satisfaction questionnaire');
    expect(t.items[0]).toEqual({ id: 'comfort', kind: 'scale', text: 'How comfortable was it to work with your mentee(s)?', required: true });
    expect(localizeTemplate(surveyTemplate('mentor_satisfaction')!).title).toBe('Анкета удовлетворённости наставника');
  });
});
