'use client';
import { BoardCrash } from '@/components/board/BoardErrorBoundary';

// The route's error boundary: whatever fails in a board page (outside the board's own boundary).
export default function BoardPageError() {
  return <BoardCrash locale={typeof document === 'undefined' ? 'ru' : document.documentElement.lang} />;
}
