// The Add-host dialog's ways of running the agent on a host, each with the
// server and the fresh token filled in. The token is never put on a command
// line (where ps shows it): it goes on standard input, a prompt, or a file.
import { AGENT_NODE_OPTIONS } from '../../agent/node-flags';

/**
 * Fetch install.sh, check it is exactly what the server serves, run it with
 * the token on standard input (printf is the shell's own, so the token is on
 * no process's command line; install.sh keeps it in a root-only file).
 */
export function installLines(server: string, sha256: string, token: string): string {
  return [
    `curl -fsSLo install.sh ${server}/install.sh`,
    `echo '${sha256}  install.sh' | sha256sum -c -`,
    `printf '%s\\n' '${token}' | sudo sh install.sh --server ${server} --token-file -`,
  ].join('\n');
}

/** The line docs/deploy.md gives for Docker: the agent image with what the Compose file's agent has. */
export const dockerRun = 'sudo docker run -d --name headroom-agent --restart unless-stopped --pid=host --uts=host --read-only --cap-drop=ALL --cap-add=SYS_PTRACE --cap-add=DAC_READ_SEARCH --security-opt apparmor=unconfined --env-file /root/headroom-agent.env -e HEADROOM_PROC_ROOT=/host/proc -e HEADROOM_CGROUP_ROOT=/host/sys/fs/cgroup -v /proc:/host/proc:ro -v /sys:/host/sys:ro -v /sys/kernel/tracing:/sys/kernel/tracing -v /var/run/docker.sock:/var/run/docker.sock:ro -v /var/lib/headroom-agent:/var/lib/headroom-agent headroom-agent';

export type InstallVariantId = 'oneLine' | 'checked' | 'executable' | 'docker' | 'kubernetes';
export interface InstallVariant { id: InstallVariantId; title: string; note: string; lines: string }

/** Every way, in the order the dialog offers them; `executable` is the single executable's name on this server's platform. */
export function installVariants(server: string, sha256: string, token: string, executable: string): InstallVariant[] {
  return [
    {
      id: 'oneLine', title: 'One line', note: 'Installs and starts the systemd service; it asks for the token: paste the one above.',
      lines: `curl -fsSL ${server}/install.sh | sudo sh -s -- --server ${server}`,
    },
    { id: 'checked', title: 'Checked first', note: 'The same, with install.sh checked against this server\'s checksum before it runs.', lines: installLines(server, sha256, token) },
    {
      id: 'executable', title: 'Single executable', note: 'No systemd, no Node.js: the executable this server serves, checked against its checksums, run in the foreground.',
      lines: [
        `curl -fsSLO ${server}/agent/${executable}`,
        `curl -fsSL ${server}/agent/checksums | sha256sum -c --ignore-missing`,
        `chmod +x ${executable}`,
        `printf '%s\\n' '${token}' | sudo install -m 600 /dev/stdin /root/headroom-token`,
        `sudo sh -c 'HEADROOM_TOKEN=$(cat /root/headroom-token) NODE_OPTIONS="${AGENT_NODE_OPTIONS}" exec ./${executable} --server ${server}'`,
      ].join('\n'),
    },
    {
      id: 'docker', title: 'Docker', note: 'The agent image (docker build -f deploy/agent/Dockerfile -t headroom-agent . in a checkout), the server and token in a root-only env file.',
      lines: [
        `printf 'HEADROOM_SERVER=%s\\nHEADROOM_TOKEN=%s\\n' '${server}' '${token}' | sudo install -m 600 /dev/stdin /root/headroom-agent.env`,
        dockerRun,
      ].join('\n'),
    },
    {
      id: 'kubernetes', title: 'Kubernetes', note: 'An agent on every node (a DaemonSet), from a checkout of this repository.',
      lines: [
        `printf 'token=%s\\n' '${token}' > deploy/k8s/overlays/agent-only/token.env`,
        `sed -i 's#server=https://headroom.example.com#server=${server}#' deploy/k8s/overlays/agent-only/kustomization.yaml`,
        'kubectl apply -k deploy/k8s/overlays/agent-only',
      ].join('\n'),
    },
  ];
}
