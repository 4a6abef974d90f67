/*
 * A flat plan (no stages in the document) grouped into the seven standard stages of the target
 * model (GLOSSARY.md) by keywords. The rules go from the most specific to the most general:
 * «заключительная встреча наставника и наставляемого» is an ending, not a meeting of a pair.
 */
import { STANDARD_STAGES } from '../../board/templates';
import type { DraftActivity, DraftStage } from './stages';


const [PREPARE, MENTEES, MENTORS, TRAINING, PAIRS, WORK, FINISH] = [0, 1, 2, 3, 4, 5, 6];

const RULES: [RegExp, number][] = [
  // «по итогам I полугодия» dates a task, it does not end the programme: only a summing-up does.
  [/заключительн|заключающ|торжествен|подведени\S* итог|об итогах|итог\S* реализаци|итогов\S* (?:мероприяти|встреч|конференц|педсовет|совещани|отч)|кейс|удовлетворенност|mentory|фестивал|отч[её]т\S* (?:о|об|по) (?:реализаци|результат|проделанн|работ)/, FINISH],
  [/группов\S* встреч/, PAIRS],
  [/встреч\S* наставник\S* (?:и|с) наставляем|регулярн\S* встреч|встреч\S*-планировани|пробн\S* (рабоч\S* )?встреч|встреч\S*-знакомств|совместн\S* работ/, WORK],
  [/(^|[^а-я])пар(ы|ах|у|а|ами|ам)?([^а-я]|$)|групп\S* встреч|соединени|закреплени\S* пар|наставническ\S* групп/, PAIRS],
  [/обучени\S* наставник|обучения наставник|собеседовани\S* с (?:потенциальн\S* )?наставник|отбор\S* наставник|школ\S* наставник|выдвижени/, TRAINING],
  [/потенциальн\S* наставник|баз\S* наставников|банк\S* наставников|участников.{0,3}наставников|анкет\S* наставник/, MENTORS],
  [/наставляем|анкетировани\S* (среди )?обучающихся|запрос/, MENTEES],
  [/мониторинг|оценк\S* (качества|участников|эффективност)|публикаци|лучш\S* практик/, FINISH],
  [
    /нормативн|положени|распорядительн|локальн\S* (акт|документ)|информировани|(разработк|утвержден|подготовк|создани)\S* .{0,40}программ|наставническ\S* центр|рабоч\S* групп|куратор|дорожн\S* карт|приказ/,
    PREPARE,
  ],
];

function classify(text: string): number | null {
  const t = text.toLowerCase().replace(/ё/g, 'е');
  for (const [re, stage] of RULES) if (re.test(t)) return stage;
  return null;
}

/**
 * The flat list grouped into the standard stages when at least `threshold` of the activities
 * classify; an activity that fits none goes with the one before it (or after it, at the start).
 * Null when too few classify.
 */
export function groupStandard(activities: DraftActivity[], threshold = 0.6): DraftStage[] | null {
  if (activities.length === 0) return null;
  const raw = activities.map((a) => classify(`${a.title} ${a.details.join(' ')}`));
  const known = raw.filter((s) => s !== null).length;
  if (known / activities.length < threshold) return null;
  const stages: (number | null)[] = [...raw];
  for (let k = 0; k < stages.length; k++) if (stages[k] === null && k > 0) stages[k] = stages[k - 1]!;
  const firstKnown = stages.find((s) => s !== null) ?? PREPARE;
  const resolved = stages.map((s) => s ?? firstKnown);
  // An activity whose wording named no stage went with its neighbour: say so on its row.
  const placed = activities.map((a, k) =>
    raw[k] !== null ? a : { ...a, warnings: [...(a.warnings ?? []), `этап «${STANDARD_STAGES[resolved[k]!]}» выбран по соседнему мероприятию — проверьте`] },
  );
  return STANDARD_STAGES.map((title, index) => ({
    number: null,
    title,
    activities: placed.filter((_, k) => resolved[k] === index),
  })).filter((s) => s.activities.length > 0);
}

