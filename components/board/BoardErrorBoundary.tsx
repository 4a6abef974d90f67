'use client';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { messagesFor, type Locale } from '@/lib/i18n/messages';

/** What a board shows instead of itself when drawing it fails: a message and a reload. */
export function BoardCrash({ locale }: { locale: Locale | string }) {
  const m = messagesFor(locale).boardCrash;
  return (
    <div className="page narrow" role="alert" data-testid="board-crash">
      <h2>{m.title}</h2>
      <p>{m.text}</p>
      <p>
        <button type="button" onClick={() => window.location.reload()}>
          {m.reload}
        </button>
      </p>
    </div>
  );
}

/**
 * Around the live board: one bad value from a peer that slips past the readers must cost
 * a message and a reload, never a blank page. The document itself lives on in IndexedDB.
 */
export class BoardErrorBoundary extends Component<{ locale: Locale; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('the board failed to render', error, info.componentStack);
  }

  render() {
    return this.state.failed ? <BoardCrash locale={this.props.locale} /> : this.props.children;
  }
}
