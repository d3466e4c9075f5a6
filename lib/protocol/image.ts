// Image references as Docker reports them, read the same way by the agent and
// the server: [registry[:port]/]path[:tag][@digest].

/** The tag of an image reference, or null (none, or only a digest). */
export function imageTag(image: string): string | null {
  const ref = image.split('@')[0]!;
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? ref.slice(at + 1) : null;
}

/**
 * A tag that names a BuildKit release (v0.20.0, v0.20.0-rc2, v0.20.0-rootless),
 * or null for floating ones (buildx-stable-1, latest, master) that say nothing
 * of the version inside.
 */
export function versionTag(image: string): string | null {
  const tag = imageTag(image);
  return tag && /^v?\d+\.\d+\.\d+(?:-rc\.?\d+)?(?:-rootless)?$/.test(tag) ? tag : null;
}
