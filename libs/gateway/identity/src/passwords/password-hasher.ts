// Shared with the open-data service's public accounts: the one password hashing of govdata.
export {
  SCRYPT_PARAMETERS,
  hashSecret,
  needsRehash,
  verifyAgainstDecoy,
  verifySecret,
  type ScryptParameters,
} from '@govdata/platform-crypto';
