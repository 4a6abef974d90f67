// The production entry: serves a built app (`npm start` builds first when needed).
import { main } from './main';

(process.env as Record<string, string>).NODE_ENV ??= 'production';
main(false);
