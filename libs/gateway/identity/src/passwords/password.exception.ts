export { PasswordRule } from '@govdata/platform-crypto';
