// `npm run admin:create -- --region "…" --email … [--password …] [--name "…"] [--slug …]`:
// the first region and its administrator, for an installation without the demo. Missing
// values are asked for on a terminal; without one the password is read from stdin's first line.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { slugFromName } from '../../lib/slug';

const USAGE = `Использование (usage):
  npm run admin:create -- --region "Новоградская область" --email admin@example.ru [--password …] [--name "Фамилия Имя Отчество"] [--slug novogradskaya-oblast]
Без --password пароль спрашивается (не отображается при вводе) или читается из первой строки stdin.
Создаёт регион (или берёт существующий с тем же адресом) и администратора в нём.
С встроенной базой (без DATABASE_URL) сначала остановите сервер.`;

/** Asks on the terminal; a secret is not echoed. */
async function ask(question: string, secret = false): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = rl.question(question);
  muted = secret;
  const value = await answer;
  rl.close();
  if (secret) process.stderr.write('\n');
  return value.trim();
}

async function firstStdinLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        region: { type: 'string' },
        slug: { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.error(USAGE);
    return 0;
  }
  const tty = Boolean(process.stdin.isTTY);
  const region = args.values.region ?? (tty ? await ask('Регион (название): ') : '');
  const email = args.values.email ?? (tty ? await ask('Электронная почта администратора: ') : '');
  if (!region || !email) {
    console.error(`Нужны --region и --email.\n\n${USAGE}`);
    return 2;
  }
  const name = args.values.name ?? (tty ? (await ask('ФИО администратора [Администратор]: ')) || 'Администратор' : 'Администратор');
  let password = args.values.password;
  if (password === undefined) {
    if (tty) {
      password = await ask('Пароль (не короче 8 символов): ', true);
      if ((await ask('Пароль ещё раз: ', true)) !== password) {
        console.error('Пароли не совпадают.');
        return 1;
      }
    } else {
      password = await firstStdinLine();
    }
  }
  const slug = args.values.slug ?? slugFromName(region);

  const { dbTarget, loadConfig } = await import('../config');
  const { openDb } = await import('../../db/client');
  const { migrateDb } = await import('../../db/migrate');
  const { createFirstAdmin } = await import('../../db/queries/first-admin');
  const { isAppError } = await import('../../lib/errors');
  const handle = await openDb(dbTarget(loadConfig()));
  try {
    await migrateDb(handle);
    const made = await createFirstAdmin(handle.db, { region, slug, email, password, name });
    console.log(
      `${made.regionCreated ? 'Создан регион' : 'Регион уже был'} «${made.region.name}» (${made.region.slug}); ` +
        `создан администратор ${made.user.email}. Войдите на странице /signin.`,
    );
    return 0;
  } catch (err) {
    if (isAppError(err)) {
      const fields = Array.isArray(err.details?.fields) ? ` (${(err.details.fields as string[]).join(', ')})` : '';
      console.error(`Не удалось: ${err.message}${fields} [${err.code}]`);
      return 1;
    }
    throw err;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`admin:create failed: ${err.message}`);
    process.exit(1);
  },
);
