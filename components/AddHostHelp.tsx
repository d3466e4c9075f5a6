/** First-run help: how to put an agent on another host. */
export function AddHostHelp() {
  const steps = `npx headroom token create --name my-host --scope ingest
node agent/dist/headroom-agent.js --server http://<this-server>:3000 --token <token>`;
  return (
    <section className="rounded-lg border border-dashed border-slate-300 p-4 text-sm dark:border-slate-600">
      <h2 className="font-semibold">Add a host</h2>
      <p className="mt-1 text-slate-600 dark:text-slate-400">Create an ingest token here, copy the one-file agent to the host, and run it as root:</p>
      <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{steps}</pre>
    </section>
  );
}
