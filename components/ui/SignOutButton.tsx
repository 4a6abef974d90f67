'use client';
import { signOut } from 'next-auth/react';
import { clearBoardCaches } from '@/components/board/boardCache';

export function SignOutButton({ label }: { label: string }) {
  // Board data cached for offline work leaves the machine's browser with its user.
  const signOutHere = async () => {
    await clearBoardCaches().catch(() => {});
    await signOut({ callbackUrl: '/signin' });
  };
  return (
    <button type="button" className="link-button" onClick={() => void signOutHere()}>
      {label}
    </button>
  );
}
