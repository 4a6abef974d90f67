export { parseDeadline, type DeadlineContext, type ParsedDeadline } from './parse';
