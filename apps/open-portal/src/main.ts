import { createApp } from 'vue';
import AppRoot from './app-root.vue';
import { createOpenPortalI18n, rememberLanguage } from './i18n/open-portal-i18n.js';
import { createOpenPortalRouter } from './router/open-portal-router.js';
import '@govdata/web-ui/accessible-palette.css';
import './open-portal.css';

const i18n = createOpenPortalI18n();
rememberLanguage(i18n.global.locale.value);
createApp(AppRoot).use(i18n).use(createOpenPortalRouter()).mount('#app');
