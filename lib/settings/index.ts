export { checkSetting, readSetting, writeSetting } from './admin-settings';
export { settingsCommands } from './commands';
export { getThresholds, setThresholds } from './thresholds';
