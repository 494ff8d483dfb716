export * from './live-resolver';
export * from './plan-run';
export * from './plan-report';
export * from './plan-command';
