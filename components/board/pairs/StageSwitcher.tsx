'use client';
import { useDroppable } from '@dnd-kit/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ColumnView } from '@/lib/board/doc';
import type { Messages } from '@/lib/i18n/messages';

/** True on a narrow screen (a phone): the pairs board shows one stage at a time. */
export function useNarrow(query = '(max-width: 700px)'): boolean {
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia(query);
    const on = () => setNarrow(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return narrow;
}

function Tab({ column, count, selected, mp, onSelect, onKeyDown }: { column: ColumnView; count: number; selected: boolean; mp: Messages['pairs']; onSelect: () => void; onKeyDown: (e: KeyboardEvent) => void }) {
  // A tab is also where a dragged card can be dropped: the other stages are not on the screen.
  const drop = useDroppable({ id: `tab:${column.id}`, data: { type: 'column-body', columnId: column.id } });
  return (
    <button
      ref={drop.setNodeRef}
      type="button"
      role="tab"
      id={`stage-tab-${column.id}`}
      aria-selected={selected}
      aria-controls={selected ? `stage-col-${column.id}` : undefined}
      tabIndex={selected ? 0 : -1}
      className={`stage-tab${selected ? ' selected' : ''}${drop.isOver ? ' over' : ''}`}
      data-stage={column.id}
      title={column.title}
      onClick={onSelect}
      onKeyDown={onKeyDown}
    >
      {mp.stageTab(mp.stagesShort[column.id] ?? column.title, count)}
    </button>
  );
}

/**
 * The stages as tabs with their counts (shown on a narrow screen only), all on the screen at
 * once (short names, wrapped): arrows move between them, a tap shows that stage, and a card
 * dragged onto a tab lands in that stage — no tab hides off the edge while a finger drags.
 */
export function StageSwitcher({ columns, counts, active, mp, onSelect }: { columns: ColumnView[]; counts: Record<string, number>; active: string; mp: Messages['pairs']; onSelect: (id: string) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const focusTab = (id: string) => list.current?.querySelector<HTMLButtonElement>(`[data-stage="${id}"]`)?.focus();
  const onKeyDown = (index: number) => (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? columns.length - 1 : step ? (index + step + columns.length) % columns.length : -1;
    if (to < 0) return;
    e.preventDefault();
    onSelect(columns[to].id);
    focusTab(columns[to].id);
  };
  return (
    <div ref={list} className="stage-switcher" role="tablist" aria-label={mp.stageSwitcher} data-testid="stage-switcher">
      {columns.map((c, i) => (
        <Tab key={c.id} column={c} count={counts[c.id] ?? 0} selected={c.id === active} mp={mp} onSelect={() => onSelect(c.id)} onKeyDown={onKeyDown(i)} />
      ))}
    </div>
  );
}
