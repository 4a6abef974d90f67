// GET /api/surveys/templates → the built-in questionnaires in the caller's language:
// [{id, title, items:[{id, kind: 'scale'|'yesno'|'open', text, required}]}]
import { NextResponse } from 'next/server';
import { SURVEY_TEMPLATES, localizeTemplate } from '@/lib/surveys';
import { currentLocale } from '../../../_lib/i18n';
import { apiError, requirePrincipal } from '../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await requirePrincipal();
    const locale = await currentLocale();
    return NextResponse.json(SURVEY_TEMPLATES.map((t) => localizeTemplate(t, locale)));
  } catch (err) {
    return apiError(err);
  }
}
