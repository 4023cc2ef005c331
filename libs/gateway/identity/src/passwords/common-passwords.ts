export { isCommonPassword } from '@govdata/platform-crypto';
