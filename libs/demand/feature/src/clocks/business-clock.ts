// The business clock and Beijing dates live once, in the shared calendar; the service provides it.
export { BusinessClock, beijingDate as businessDate } from '@govdata/calendar';
