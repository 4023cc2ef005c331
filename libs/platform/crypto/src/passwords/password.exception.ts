/** Why a password is refused (400, `errors[].rule`); every rule broken is listed. */
export enum PasswordRule {
  /** Shorter than PASSWORD_MIN_LENGTH characters. */
  MinLength = 'password-min-length',
  /** Fewer than PASSWORD_MIN_CHARACTER_CLASSES of lower case, upper case, digits and symbols. */
  CharacterClasses = 'password-character-classes',
  /** Contains the username. */
  ContainsUsername = 'password-contains-username',
  /** A common password or a trivial variant of one. */
  Common = 'password-common',
}
