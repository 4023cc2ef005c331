export * from './working-calendar.js';
export * from './provisional-year.js';
export * from './provisional-warnings.js';
export * from './beijing-time.js';
