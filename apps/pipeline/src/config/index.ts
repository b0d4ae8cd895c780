export { loadConfig, ConfigError, renderConfigReference, SETTING_FLAGS, type ConfigSources } from './load-config';
export { signalEngineConfigOf, type PipelineConfig } from './pipeline-config';
export { SETTINGS } from './settings';
