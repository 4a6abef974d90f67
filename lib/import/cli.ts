// `npm run import -- <file>`: roadmap import arrives with the import issue; until then say so plainly.
console.error('Импорт дорожных карт пока не реализован (not yet: roadmap import arrives with the import issue).');
process.exit(2);
