// Installing the agent from the server: the files hosts download, their
// checksums, and the install script rendered for this server.
export { agentDownload, agentFiles, checksumLines, sha256Of, type AgentFile } from './agent-files';
export { installCheck, installScript, servedInstallScript } from './script';


