import { redirectToLogin } from '../session/sign-in-redirect.js';
import { createPortalApi } from './portal-api.js';

/** The portal's one API client: a 401 from any call goes to the sign-in page. */
export const api = createPortalApi({ onSignedOut: redirectToLogin });
