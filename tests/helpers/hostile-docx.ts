import { strToU8, zipSync } from 'fflate';

/*
 * Word files that attack the import, for the pool's and the server's tests. Both stay just
 * under the element limit of lib/import/readers/docx.ts (200,000), so the reader takes them.
 */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const wordDocument = (body: string) => zipSync({ 'word/document.xml': strToU8(`<w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`) }, { level: 9 });

/** Big: 199,000 empty paragraphs, ~200 MB of heap in the reader, but under 1 s of parsing on an idle machine. */
export const heavyDocx = () => wordDocument('<w:p/>'.repeat(199_000));

/**
 * Slow: 66,000 paragraphs of text take the reader about 2 s on an idle machine (the empty ones
 * above took 0.86 s on CI: too quick for anything timed against them).
 */
export const slowDocx = () =>
  wordDocument('<w:p><w:r><w:t>Мероприятие программы наставничества, сентябрь 2024 г., куратор и рабочая группа</w:t></w:r></w:p>'.repeat(66_000));

/** Inflates to `paragraphs` × 6 bytes of XML from a few KB: a zip bomb, for the size limits. */
export const bombDocx = (paragraphs: number) => wordDocument('<w:p/>'.repeat(paragraphs));
