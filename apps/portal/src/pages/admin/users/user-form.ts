import type { CreateUserBody } from '@/api/types/admin.js';

/** The new account as typed; the API checks the username, the password policy and the roles (分级). */
export interface UserForm {
  organisationId: string;
  username: string;
  displayName: string;
  password: string;
  roles: string[];
}

export const USER_FIELDS = ['organisationId', 'username', 'displayName', 'password', 'roles'] as const;

export function emptyUserForm(organisationId = ''): UserForm {
  return { organisationId, username: '', displayName: '', password: '', roles: [] };
}

/** `POST /users`: trimmed names; the password exactly as typed. */
export function createUserBody(form: UserForm): CreateUserBody {
  return {
    organisationId: form.organisationId,
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    password: form.password,
    roles: [...form.roles],
  };
}
