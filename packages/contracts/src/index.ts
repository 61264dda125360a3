export * from './auth.ts';
export * from './errors.ts';
export * from './features.ts';
export * from './integrations.ts';
export * from './support.ts';
export * from './syncs.ts';
