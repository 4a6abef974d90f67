export * from './roles';
export * from './can';
export * from './people';
