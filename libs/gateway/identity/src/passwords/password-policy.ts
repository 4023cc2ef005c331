// Shared with the open-data service's public accounts: one password policy for people.
export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_CHARACTER_CLASSES,
  PASSWORD_MIN_LENGTH,
  passwordPolicyProblems,
} from '@govdata/platform-crypto';
