import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDocker } from '../testdata/fake-docker';
import { countContainers } from './containers';
import { imageTag, versionTag } from '../../lib/protocol';
import { buildkitVersion } from './buildkit';

const id = (n: number) => String(n).repeat(64).slice(0, 64);

describe('containers through the Docker Engine API', () => {
  let docker: Awaited<ReturnType<typeof startFakeDocker>>;
  beforeAll(async () => {
    docker = await startFakeDocker([
      { Id: id(1), Image: 'moby/buildkit:v0.20.0', State: 'running' },
      { Id: id(2), Image: 'nginx:1.27', State: 'running' },
      { Id: id(3), Image: 'docker.io/moby/buildkit:v0.19.4', State: 'exited' },
      { Id: id(4), Image: 'registry:5000/team/app:latest', State: 'running' },
    ]);
  });
  afterAll(() => docker.close());

  it('counts running and total, and names the running BuildKit images', async () => {
    const { containers, imageById } = await countContainers([], { dockerSocket: docker.socket, cgroupRoot: '/nonexistent' });
    expect(containers).toEqual({ method: 'docker-api', running: 3, total: 4, buildkitImages: ['moby/buildkit:v0.20.0'] });
    expect(imageById.get(id(1))).toBe('moby/buildkit:v0.20.0');
    expect(docker.requests).toContain('GET /containers/json?all=1');
  });

  it('dates a containerised buildkitd by its image tag when the tag names a release', () => {
    const images = new Map([[id(1), 'moby/buildkit:v0.20.0'], [id(2), 'nginx:1.27']]);
    expect(buildkitVersion(1, id(1), images, '/nonexistent')).toBe('v0.20.0');
    // Not a BuildKit image, and no binary to read under this /proc.
    expect(buildkitVersion(1, id(2), images, '/nonexistent')).toBeNull();
  });

  it('reads image references with registries, ports, digests and floating tags', () => {
    expect(imageTag('registry:5000/team/app')).toBeNull();
    expect(imageTag('registry:5000/moby/buildkit:v0.20.0-rc2')).toBe('v0.20.0-rc2');
    expect(imageTag('moby/buildkit:v0.20.0@sha256:' + 'a'.repeat(64))).toBe('v0.20.0');
    expect(imageTag('moby/buildkit@sha256:' + 'a'.repeat(64))).toBeNull();
    expect(versionTag('moby/buildkit:v0.20.0-rootless')).toBe('v0.20.0-rootless');
    for (const floating of ['moby/buildkit:buildx-stable-1', 'moby/buildkit:latest', 'moby/buildkit:master', 'moby/buildkit']) expect(versionTag(floating), floating).toBeNull();
  });

  it('falls back to cgroups when the socket does not answer as Docker', async () => {
    const { containers } = await countContainers([], { dockerSocket: '/etc/hostname', cgroupRoot: '/nonexistent' });
    expect(containers.method).toBe('none');
  });
});
