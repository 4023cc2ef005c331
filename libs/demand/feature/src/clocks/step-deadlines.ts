/**
 * Working days each review step has (时限). The provider's answer follows 国发〔2016〕51号 第十四条
 * (有条件共享: 提供部门应在10个工作日内予以答复); registering data not yet catalogued follows the
 * national guideline's 20 working days for registering new resources; the authority's review
 * follows the Jiangxi plan's 5 working days for the 主管机构; the department's own approval and the
 * authority's ruling on a contest are this platform's choice.
 */
export const STEP_WORKING_DAYS = {
  'department-review': 3,
  'provider-review': 10,
  registration: 20,
  'authority-review': 5,
  contest: 10,
} as const;

export type ClockedStep = keyof typeof STEP_WORKING_DAYS;
