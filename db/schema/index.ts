export * from './organisations';
export * from './users';
export * from './memberships';
export * from './boards';
export * from './audit';
export * from './people';
export * from './pairs';
export * from './reports';
