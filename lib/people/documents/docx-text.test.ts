import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxProblems, docxText } from './docx-text';

const docXml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
const full = (body: string) => zip({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': docXml(body) });

describe('docxText and docxProblems (test helpers)', () => {
  it('reads paragraphs as lines, runs joined, entities decoded', () => {
    const buf = full('<w:p><w:pPr/><w:r><w:t>a &lt;b&gt; &amp;</w:t></w:r><w:r><w:t xml:space="preserve"> c&#x1F600;&#34;</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>d</w:t><w:tab/><w:t>e</w:t></w:r></w:p>');
    expect(docxText(buf)).toBe('a <b> & c😀"\n\nd\te');
    expect(docxProblems(buf)).toEqual([]);
  });

  it('names what would keep Word from opening the file', () => {
    expect(docxProblems(strToU8('not a zip'))[0]).toMatch(/not a zip/);
    expect(docxProblems(zip({ 'word/document.xml': docXml('') }))).toEqual(['[Content_Types].xml is missing', '_rels/.rels is missing']);
    expect(docxProblems(full('<w:p><w:r><w:t>\u0001</w:t></w:r></w:p>'))).toEqual(['word/document.xml holds a character XML cannot carry']);
    expect(docxProblems(full('<w:p><w:r><w:t>a</w:p>'))[0]).toMatch(/not well-formed/);
  });
});
