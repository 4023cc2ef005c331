import { ApiZodBody } from '@govdata/platform-service';
import { calendarYearBody } from './catalog-calendar.service.js';
import { closeClockBody, openCampaignBody, openClockBody } from './deadline-clock.dto.js';
import { deadlineSettingsBody } from './deadline-settings.js';

/** Request bodies as JSON Schema from the same zod schemas the handlers parse with. */
const bodyOf = ApiZodBody;

export const ApiDeadlineSettingsBody = () =>
  bodyOf(deadlineSettingsBody, 'Working days for each deadline; national defaults 20/20/20/20, Jiangxi 20/10/5/20');
export const ApiCalendarYearBody = () =>
  bodyOf(calendarYearBody, 'The year’s 国务院办公厅 holiday notice: days off and 调休 working weekend days');
export const ApiOpenClockBody = () =>
  bodyOf(openClockBody, 'update: a change of duties (职责变更) or data; registration: a new system or resource');
export const ApiCloseClockBody = () => bodyOf(closeClockBody, 'The submitted entry that registered the resource');
export const ApiOpenCampaignBody = () => bodyOf(openCampaignBody);
