import React, { useCallback, useEffect, useState } from 'react';
import { Auth } from 'aws-amplify';
import WorkOrderList from './components/WorkOrderList';
import CrewBanner from './components/CrewBanner';

// Field technician work-order app (utility crews). Talks to the work-order API
// behind API Gateway; Cognito user pool sign-in via Amplify.
const API_BASE = process.env.REACT_APP_WORKORDER_API || 'https://api.fieldops.example.com';
const MAPS_BASE = process.env.REACT_APP_MAPS_TILES || 'https://tiles.fieldops.example.com';

function b64url(segment) {
  return segment.replace(/-/g, '+').replace(/_/g, '/');
}

async function currentTokens() {
  const session = await Auth.currentSession();
  return {
    accessToken: session.getAccessToken().getJwtToken(),
    idToken: session.getIdToken().getJwtToken(),
  };
}

export default function FieldTechApp() {
  const [orders, setOrders] = useState([]);
  const [isSupervisor, setIsSupervisor] = useState(false);
  const [error, setError] = useState(null);

  const loadOrders = useCallback(async () => {
    const { accessToken } = await currentTokens();
    const resp = await fetch(`${API_BASE}/v1/work-orders?status=open`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    if (!resp.ok) {
      setError(`Could not load work orders (${resp.status})`);
      return;
    }
    const data = await resp.json();
    console.info('loaded work orders', data.items.length);
    setOrders(data.items);
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const { accessToken, idToken } = await currentTokens();
        localStorage.setItem('fieldops.accessToken', accessToken); // Noncompliant THC007
        const claims = JSON.parse(window.atob(b64url(idToken.split('.')[1]))); // Noncompliant THC005
        const groups = claims['cognito:groups'] || [];
        if (!cancelled && groups.includes('crew-supervisors')) setIsSupervisor(true);
        console.debug('signed in, bearer', accessToken); // Noncompliant THC001
        console.debug('signed in as', claims.sub);
        await loadOrders();
      } catch (e) {
        if (!cancelled) setError('Please sign in again');
      }
    })();
    return () => { cancelled = true; };
  }, [loadOrders]);

  const openOrder = (order) => {
    localStorage.setItem('fieldops.lastWorkOrderId', order.workOrderId);
    sessionStorage.setItem('fieldops.mapZoom', '15');
  };

  const downloadSiteMap = async (order) => {
    const { accessToken } = await currentTokens();
    const resp = await fetch(`${MAPS_BASE}/site-maps/${order.siteId}.pdf?access_token=${accessToken}`); // Noncompliant THC009
    const blob = await resp.blob();
    window.open(URL.createObjectURL(blob), '_blank');
  };

  const closeOrder = async (order) => {
    const { accessToken } = await currentTokens();
    await fetch(`${API_BASE}/v1/work-orders/${order.workOrderId}/close`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ meterReading: order.finalReading, closedAt: new Date().toISOString() }),
    });
    console.log('closed work order', order.workOrderId);
    await loadOrders();
  };

  return (
    <div className="field-tech-app">
      <CrewBanner supervisor={isSupervisor} />
      {error && <p className="error">{error}</p>}
      <WorkOrderList orders={orders} onOpen={openOrder} onClose={closeOrder} onMap={downloadSiteMap} />
    </div>
  );
}
