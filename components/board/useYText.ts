'use client';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import * as Y from 'yjs';
import { textSplice, transformPosition, type TextDelta } from '@/lib/board/view-logic';

const TYPING = Symbol('local-typing');

/**
 * Binds a text field to a Y.Text character by character: our keystrokes become the
 * smallest insert/delete, and others' edits are applied in place with our caret moved
 * through their change, so two people typing in one field both keep their words.
 */
export function useYText(ytext: Y.Text | undefined) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [value, setValue] = useState(() => ytext?.toString() ?? '');

  useEffect(() => {
    if (!ytext) return;
    setValue(ytext.toString());
    const observer = (event: Y.YTextEvent, tr: Y.Transaction) => {
      const next = ytext.toString();
      const el = ref.current;
      if (tr.origin !== TYPING && el && el.value !== next) {
        const focused = document.activeElement === el;
        const [start, end] = [el.selectionStart ?? 0, el.selectionEnd ?? 0];
        el.value = next;
        if (focused) el.setSelectionRange(transformPosition(start, event.delta as TextDelta), transformPosition(end, event.delta as TextDelta));
      }
      setValue(next);
    };
    ytext.observe(observer);
    return () => ytext.unobserve(observer);
  }, [ytext]);

  const onChange = (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (!ytext?.doc) return;
    const splice = textSplice(ytext.toString(), e.target.value);
    if (!splice) return;
    ytext.doc.transact(() => {
      if (splice.remove) ytext.delete(splice.index, splice.remove);
      if (splice.insert) ytext.insert(splice.index, splice.insert);
    }, TYPING);
  };
  return { ref, value, onChange };
}
