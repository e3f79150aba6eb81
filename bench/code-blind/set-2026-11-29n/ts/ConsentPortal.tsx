// Consent management page of the patient portal (Amplify Auth v6 + REST consent API).
import React, { useEffect, useMemo, useState } from "react";
import { fetchAuthSession } from "aws-amplify/auth";

type ConsentScope = "research" | "hie-sharing" | "sms-reminders" | "caregiver-proxy";

interface ConsentRecord {
  consentId: string;
  scope: ConsentScope;
  status: "active" | "revoked";
  updatedAt: string;
}

const CONSENT_API = "https://consent.api.example-health.org";
const ID_TOKEN_KEY = "portal.idToken";
const PREFS_KEY = "portal.consentPrefs";

class ConsentClient {
  constructor(private readonly accessToken: string) {}

  private headers(): HeadersInit {
    return { Authorization: `Bearer ${this.accessToken}`, "Content-Type": "application/json" };
  }

  async list(patientId: string): Promise<ConsentRecord[]> {
    const res = await fetch(`${CONSENT_API}/patients/${patientId}/consents`, { headers: this.headers() });
    if (!res.ok) throw new Error(`consent list failed (${res.status})`);
    return res.json();
  }

  async revoke(patientId: string, consentId: string): Promise<void> {
    await fetch(`${CONSENT_API}/patients/${patientId}/consents/${consentId}`, { method: "DELETE", headers: this.headers() });
  }

  exportPdfUrl(patientId: string): string {
    return `${CONSENT_API}/patients/${patientId}/consents.pdf?access_token=${encodeURIComponent(this.accessToken)}`; // Noncompliant THC009
  }
}

async function loadSession() {
  const session = await fetchAuthSession();
  const idToken = session.tokens?.idToken?.toString() ?? "";
  const accessToken = session.tokens?.accessToken?.toString() ?? "";
  window.localStorage.setItem(ID_TOKEN_KEY, idToken); // Noncompliant THC007
  return { idToken, accessToken, patientId: String(session.tokens?.idToken?.payload["custom:patient_id"] ?? "") };
}

export function ConsentPortal({ onSignedOut }: { onSignedOut: () => void }) {
  const [records, setRecords] = useState<ConsentRecord[]>([]);
  const [patientId, setPatientId] = useState("");
  const [client, setClient] = useState<ConsentClient | null>(null);
  const prefs = useMemo(() => JSON.parse(window.localStorage.getItem(PREFS_KEY) ?? "{}"), []);

  useEffect(() => {
    (async () => {
      try {
        const { accessToken, patientId: pid } = await loadSession();
        window.sessionStorage.setItem("portal.accessToken", accessToken); // Noncompliant THC007
        window.sessionStorage.setItem("portal.patientId", pid);
        const c = new ConsentClient(accessToken);
        setClient(c);
        setPatientId(pid);
        const list = await c.list(pid);
        console.info(`loaded ${list.length} consents for patient ${pid}`);
        setRecords(list);
      } catch (e) {
        console.error("consent page load failed", (e as Error).message);
        onSignedOut();
      }
    })();
  }, [onSignedOut]);

  const toggle = async (r: ConsentRecord) => {
    if (!client) return;
    const session = await fetchAuthSession();
    console.debug("revoking with session", session.tokens); // Noncompliant THC001
    await client.revoke(patientId, r.consentId);
    window.localStorage.setItem(PREFS_KEY, JSON.stringify({ ...prefs, lastChanged: r.scope }));
    setRecords((prev) => prev.map((x) => (x.consentId === r.consentId ? { ...x, status: "revoked" } : x)));
  };

  return (
    <main>
      <h1>My consents</h1>
      {client && (
        <a href={client.exportPdfUrl(patientId)} download>
          Download a copy
        </a>
      )}
      <ul>
        {records.map((r) => (
          <li key={r.consentId}>
            {r.scope}: {r.status}
            {r.status === "active" && <button onClick={() => toggle(r)}>Revoke</button>}
          </li>
        ))}
      </ul>
    </main>
  );
}
