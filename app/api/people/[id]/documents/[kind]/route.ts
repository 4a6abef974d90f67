// GET /api/people/<id>/documents/consent?purpose=pd_processing|publication|mentor_duties&signer=self|guardian
//     – a printable consent form, pre-filled (one separate document per consent, 156-ФЗ)
// GET /api/people/<id>/documents/erasure-act – «Акт об уничтожении персональных данных» with the
//     extract of the person's event log (приказ РКН № 179), once the data is destroyed
// GET /api/people/<id>/documents/subject-answer?requester=&receivedOn= – the answer to a subject's
//     request (ст. 14 152-ФЗ): what is held, why, since when, who has seen it
// For whom may read the person (its own organisation's curator, admin, head); reads are logged.
import { type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { consentFormFor, erasureActFor, subjectAnswerFor } from '@/db/queries/people-documents';
import { AppError } from '@/lib/errors';
import { apiError, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function GET(req: NextRequest, { params }: { params: Promise<{ id: string; kind: string }> }) {
  try {
    const user = await requirePrincipal();
    const { id, kind } = await params;
    const q = req.nextUrl.searchParams;
    const db = getDb();
    const doc =
      kind === 'consent'
        ? await consentFormFor(db, user.principal, id, q.get('purpose'), q.get('signer'))
        : kind === 'erasure-act'
          ? await erasureActFor(db, user.principal, id)
          : kind === 'subject-answer'
            ? await subjectAnswerFor(db, user.principal, id, { name: q.get('requester'), receivedOn: q.get('receivedOn') }, user.name)
            : null;
    if (!doc) throw new AppError('NOT_FOUND', 'no such document');
    return new Response(Buffer.from(doc.bytes), {
      headers: {
        'content-type': DOCX,
        'content-disposition': `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    return apiError(err);
  }
}
