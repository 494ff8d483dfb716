export * from './import-error';
export * from './code';
export * from './naming';
export * from './source-blueprints';
export * from './typed-lookups';
export * from './entry-translator';
export * from './round-trip';
export * from './import-blueprints';
