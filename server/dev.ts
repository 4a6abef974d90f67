// `npm run dev`: the same server with Next's development mode (hot reload over our upgrade dispatch).
import { main } from './main';

main(true);
