// containerd keeps each running container's OCI bundle under
// <state>/io.containerd.runtime.v2.task/<namespace>/<id>/; its config.json
// carries the CRI plugin's and nerdctl's annotations: pod, container and image names.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { namesFromLabels, type ContainerNames } from './container-labels';

const MAX_CONFIG_BYTES = 1024 * 1024;
// A bundle's annotations never change while it runs: read once, kept while the cap allows.
const cache = new Map<string, ContainerNames>();
const CACHE_CAP = 2000;

export class ContainerdBundles {
  private namespaces: string[] | undefined;

  constructor(private readonly stateRoot: string) {}

  private tasks(): string {
    return path.join(this.stateRoot, 'io.containerd.runtime.v2.task');
  }

  /** Names from the bundle's annotations; null when containerd holds no bundle for this id (or it is unreadable). */
  names(id: string): ContainerNames | null {
    const hit = cache.get(id);
    if (hit) return hit;
    try {
      this.namespaces ??= readdirSync(this.tasks());
    } catch {
      this.namespaces = [];
    }
    for (const ns of this.namespaces) {
      const file = path.join(this.tasks(), ns, id, 'config.json');
      try {
        if (statSync(file).size > MAX_CONFIG_BYTES) continue;
        const spec = JSON.parse(readFileSync(file, 'utf8')) as { annotations?: unknown };
        const annotations = spec.annotations && typeof spec.annotations === 'object' ? (spec.annotations as Record<string, unknown>) : {};
        const names = namesFromLabels(annotations);
        if (cache.size >= CACHE_CAP) cache.clear();
        cache.set(id, names);
        return names;
      } catch {
        // not in this namespace, or gone meanwhile
      }
    }
    return null;
  }
}
