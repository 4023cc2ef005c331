import { createPinia } from 'pinia';
import { createApp } from 'vue';
import AppRoot from './app-root.vue';
import { createPortalI18n, rememberLanguage } from './i18n/portal-i18n.js';
import { createPortalRouter } from './router/portal-router.js';
import '@govdata/web-ui/accessible-palette.css';
import './portal.css';

const i18n = createPortalI18n();
const pinia = createPinia();
rememberLanguage(i18n.global.locale.value);
createApp(AppRoot).use(pinia).use(i18n).use(createPortalRouter(pinia)).mount('#app');
