// Release console: lists deployments for an environment, streams deploy
// events and lets release managers promote a build to the next stage.

import React, { useCallback, useEffect, useState } from 'react';

type Deployment = {
  id: string;
  service: string;
  environment: 'dev' | 'staging' | 'prod';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  commitSha: string;
  startedAt: string;
};

const API_BASE: string = import.meta.env.VITE_DEPLOY_API ?? '/api';
const NEXT_STAGE: Record<Deployment['environment'], Deployment['environment'] | null> = { dev: 'staging', staging: 'prod', prod: null };

function useDeployToken(): string | null {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem('deployToken'));

  useEffect(() => {
    if (token) return;
    fetch(`${API_BASE}/auth/deploy-token`, { credentials: 'include' })
      .then((r) => r.json() as Promise<{ token: string }>)
      .then((body) => {
        sessionStorage.setItem('deployToken', body.token); // Noncompliant THC007
        setToken(body.token);
      })
      .catch(() => setToken(null));
  }, [token]);

  return token;
}

async function fetchDeployments(token: string, environment: string): Promise<Deployment[]> {
  const res = await fetch(`${API_BASE}/deployments?environment=${encodeURIComponent(environment)}&limit=50`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`deployments: HTTP ${res.status}`);
  return res.json();
}

async function promote(token: string, deployment: Deployment, target: string): Promise<void> {
  console.log(`promoting ${deployment.id} (${deployment.commitSha}) to ${target} with token ${token}`); // Noncompliant THC001
  const res = await fetch(`${API_BASE}/deployments/${deployment.id}/promote`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ target }),
  });
  if (!res.ok) throw new Error(`promote: HTTP ${res.status} (${res.headers.get('x-correlation-id')})`);
}

export function DeployPanel({ initialEnvironment = 'staging' }: { initialEnvironment?: Deployment['environment'] }) {
  const token = useDeployToken();
  const [environment, setEnvironment] = useState<Deployment['environment']>(
    () => (sessionStorage.getItem('deploy.lastEnvironment') as Deployment['environment']) ?? initialEnvironment,
  );
  const [deployments, setDeployments] = useState<Deployment[]>([]);
  const [events, setEvents] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    if (!token) return;
    fetchDeployments(token, environment).then(setDeployments).catch((e: Error) => setError(e.message));
  }, [token, environment]);

  useEffect(() => {
    sessionStorage.setItem('deploy.lastEnvironment', environment);
    reload();
  }, [environment, reload]);

  const watch = useCallback((d: Deployment) => {
    if (!token) return;
    console.info('watching deployment', d.id, d.service, d.commitSha);
    // EventSource cannot send headers, so the API accepts the token in the query string
    const source = new EventSource(`${API_BASE}/deployments/${d.id}/events?access_token=${encodeURIComponent(token)}`); // Noncompliant THC009
    source.onmessage = (msg) => setEvents((prev) => [...prev.slice(-199), msg.data]);
    source.onerror = () => source.close();
  }, [token]);

  if (!token) return <p>Requesting deploy permissions…</p>;

  return (
    <section className="deploy-panel">
      <select value={environment} onChange={(e) => setEnvironment(e.target.value as Deployment['environment'])}>
        {Object.keys(NEXT_STAGE).map((env) => <option key={env} value={env}>{env}</option>)}
      </select>
      {error && <p role="alert">{error}</p>}
      <ul>
        {deployments.map((d) => (
          <li key={d.id}>
            <code>{d.commitSha.slice(0, 7)}</code> {d.service} — {d.status}
            <button type="button" onClick={() => watch(d)}>Watch</button>
            {NEXT_STAGE[d.environment] && d.status === 'succeeded' && (
              <button type="button" onClick={() => promote(token, d, NEXT_STAGE[d.environment] as string).then(reload)}>
                Promote to {NEXT_STAGE[d.environment]}
              </button>
            )}
          </li>
        ))}
      </ul>
      <pre className="deploy-events">{events.join('\n')}</pre>
    </section>
  );
}
