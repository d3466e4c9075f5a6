/**
 * The Add-host dialog's lines for a host: fetch install.sh, check it is
 * exactly what the server serves, run it with the token on standard input
 * (printf is the shell's own, so the token is on no process's command line;
 * install.sh keeps it in a root-only file).
 */
export function installLines(server: string, sha256: string, token: string): string {
  return [
    `curl -fsSLo install.sh ${server}/install.sh`,
    `echo '${sha256}  install.sh' | sha256sum -c -`,
    `printf '%s\\n' '${token}' | sudo sh install.sh --server ${server} --token-file -`,
  ].join('\n');
}
