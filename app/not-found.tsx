import Link from 'next/link';
import { currentMessages } from './_lib/i18n';

export default async function NotFound() {
  const m = await currentMessages();
  return (
    <section className="page narrow">
      <h1>{m.notFound.title}</h1>
      <p>{m.notFound.text}</p>
      <p>
        <Link href="/">{m.notFound.home}</Link>
      </p>
    </section>
  );
}
