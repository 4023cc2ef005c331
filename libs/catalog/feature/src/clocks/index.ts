/** What other parts of the node (demo seeding, tests) use of the working-day clocks. */
export { BusinessClock, businessDate } from './business-clock.js';
export * from './deadline-clock.js';
export { DeadlineClockService, type OpenClockInput, type OverdueReport } from './deadline-clock.service.js';
export * from './deadline-settings.js';
export { DeadlineSettingsService } from './deadline-settings.service.js';
