// A minimal Docker Engine API client over the unix socket (no dependencies).
import { namesFromLabels, str, type ContainerNames } from './container-labels';

function getJson(socketPath: string, path: string, timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Loaded here, on a host with a Docker socket: node:http is 3 MB of memory an agent elsewhere need not hold.
    const req = process.getBuiltinModule('node:http').get({ socketPath, path, timeout: timeoutMs, headers: { host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`docker ${path}: HTTP ${res.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`docker ${path}: timed out`)));
    req.on('error', reject);
  });
}

export interface DockerCounts {
  running: number;
  total: number;
  buildkitImages: string[];
  /** Full container id → image, to date a containerised buildkitd by its image tag. */
  imageById: Map<string, string>;
  /** Full container id → its name, image, compose project and (cri-dockerd) pod. */
  namesById: Map<string, ContainerNames>;
}

interface ContainerJson { Id?: unknown; Image?: unknown; State?: unknown; Names?: unknown; Labels?: unknown }

function dockerNames(c: ContainerJson): ContainerNames {
  const first = Array.isArray(c.Names) ? str(typeof c.Names[0] === 'string' ? c.Names[0].replace(/^\//, '') : null, 256) : null;
  const labels = c.Labels && typeof c.Labels === 'object' ? (c.Labels as Record<string, unknown>) : {};
  const fromLabels = namesFromLabels(labels);
  return { ...fromLabels, name: first ?? fromLabels.name, image: str(c.Image, 256) ?? fromLabels.image };
}

export const isBuildkitImage = (img: string) => /(^|\/)buildkit(:|@|$)/.test(img);

export async function readDocker(socketPath: string, timeoutMs = 2000): Promise<DockerCounts> {
  const list = await getJson(socketPath, '/containers/json?all=1', timeoutMs);
  if (!Array.isArray(list)) throw new Error('docker /containers/json: not a list');
  const containers = list as ContainerJson[];
  const imageById = new Map<string, string>();
  const namesById = new Map<string, ContainerNames>();
  for (const c of containers) {
    if (typeof c.Id !== 'string') continue;
    if (typeof c.Image === 'string') imageById.set(c.Id, c.Image);
    namesById.set(c.Id, dockerNames(c));
  }
  const images = containers.filter((c) => c.State === 'running').map((c) => (typeof c.Image === 'string' ? c.Image : '')).filter(isBuildkitImage);
  return {
    running: containers.filter((c) => c.State === 'running').length,
    total: containers.length,
    buildkitImages: [...new Set(images)].slice(0, 100),
    imageById,
    namesById,
  };
}
