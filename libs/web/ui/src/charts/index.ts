/**
 * Charts, a separate entry of the library (`@govdata/web-ui/charts`): ECharts is large, so only
 * the pages that draw a chart load it, never the frame every page shares.
 */
export { default as ChartPanel } from './chart-panel.vue';
export type { ChartOption } from './chart-option.js';
