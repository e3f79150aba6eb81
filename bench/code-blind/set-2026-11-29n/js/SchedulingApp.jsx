// Appointment scheduling SPA for the outpatient clinics (Cognito Hosted UI, code + PKCE).
import React, { useCallback, useEffect, useState } from "react";

const COGNITO_DOMAIN = "https://clinic-scheduling.auth.us-west-2.amazoncognito.com";
const CLIENT_ID = "4q1fakeclientid0scheduling";
const API_BASE = "https://api.scheduling.example-clinic.org/v1";
const TOKEN_STORAGE_KEY = "sched.access_token";

async function exchangeCode(code, verifier) {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: CLIENT_ID,
    code,
    code_verifier: verifier,
    redirect_uri: window.location.origin + "/callback",
  });
  const res = await fetch(`${COGNITO_DOMAIN}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  if (!res.ok) throw new Error(`token endpoint returned ${res.status}`);
  return res.json();
}

function persistSession(tokens) {
  window.localStorage.setItem(TOKEN_STORAGE_KEY, tokens.access_token); // Noncompliant THC007
  document.cookie = `sched_id=${tokens.id_token}; path=/; max-age=3600`; // Noncompliant THC007
  window.localStorage.setItem("sched.theme", "high-contrast");
}

function AppointmentList({ accessToken, clinicId }) {
  const [slots, setSlots] = useState([]);
  const [error, setError] = useState(null);

  useEffect(() => {
    let cancelled = false;
    fetch(`${API_BASE}/clinics/${clinicId}/slots`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    })
      .then((r) => r.json())
      .then((data) => {
        if (!cancelled) {
          console.log("slots loaded", data.items.length, "clinic", clinicId);
          setSlots(data.items);
        }
      })
      .catch((e) => setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [accessToken, clinicId]);

  const exportCalendar = useCallback(async () => {
    const res = await fetch(`${API_BASE}/clinics/${clinicId}/calendar.ics?access_token=${accessToken}`); // Noncompliant THC009
    const blob = await res.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "appointments.ics";
    link.click();
  }, [accessToken, clinicId]);

  if (error) return <p role="alert">Could not load appointments. Please try again.</p>;
  return (
    <section>
      <button onClick={exportCalendar}>Add to my calendar</button>
      <ul>
        {slots.map((s) => (
          <li key={s.slotId}>
            {s.start} with {s.practitionerName}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function SchedulingApp() {
  const [tokens, setTokens] = useState(null);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const code = params.get("code");
    if (!code) return;
    const verifier = window.sessionStorage.getItem("pkce_verifier");
    exchangeCode(code, verifier)
      .then((t) => {
        console.debug("token response", t); // Noncompliant THC001
        persistSession(t);
        window.sessionStorage.removeItem("pkce_verifier");
        window.sessionStorage.setItem("sched.lastClinic", params.get("clinic") || "main");
        setTokens(t);
      })
      .catch((e) => console.error("login failed", e.message));
  }, []);

  if (!tokens) return <a href={`${COGNITO_DOMAIN}/login?client_id=${CLIENT_ID}`}>Sign in</a>;
  return <AppointmentList accessToken={tokens.access_token} clinicId="main" />;
}
