import { notFound } from 'next/navigation';

// Any path no other route claims renders the app's 404 page inside the layout. (Its
// presence is also why server/http.ts owns websocket upgrades: Next ends upgrades whose
// path matches a page route such as this one.)
export default function CatchAll(): never {
  notFound();
}
