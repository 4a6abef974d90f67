'use client';
import type { Messages } from '@/lib/i18n/messages';
import { moveTargets } from '@/lib/pairs/moves';
import { PAIR_STAGES, type PairStage, type PairSummary } from '@/lib/pairs/types';
import { Modal } from '@/components/ui/Modal';

/**
 * «Перенести в…»: the stages as a list of large buttons in a small dialog (a finger or the
 * Tab key reaches every one); choosing one does what dropping the card there does.
 */
export function MoveMenu({ title, stage, status, mp, onPick, onClose }: { title: string; stage: string; status: PairSummary['status'] | undefined; mp: Messages['pairs']; onPick: (to: PairStage) => void; onClose: () => void }) {
  const targets = new Set(moveTargets(stage, status));
  const first = PAIR_STAGES.find((s) => targets.has(s));
  return (
    <Modal title={mp.moveToFor(title)} onClose={onClose} className="move-menu" testId="move-menu-dialog" closeLabel={mp.close}>
      <ul className="stage-list">
        {PAIR_STAGES.map((s) => (
          <li key={s}>
            <button type="button" className="stage-choice" disabled={!targets.has(s)} aria-current={s === stage ? 'step' : undefined} autoFocus={s === first} onClick={() => onPick(s)}>
              {mp.stages[s]}
              {s === stage && <span className="hint"> — {mp.current}</span>}
            </button>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          {mp.cancel}
        </button>
      </div>
    </Modal>
  );
}
