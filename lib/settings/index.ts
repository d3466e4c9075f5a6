export { readSetting, writeSetting } from './admin-settings';
export { getThresholds, setThresholds } from './thresholds';
