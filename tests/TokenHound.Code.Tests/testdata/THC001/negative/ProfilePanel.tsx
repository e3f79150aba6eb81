'use client';

import { useEffect, useState } from 'react';

type Profile = {
  displayName: string;
  email: string;
  tokenCount: number;
  workspace: string;
};

async function loadProfile(id: string): Promise<Profile> {
  const res = await fetch(`/api/profile/${id}`, { credentials: 'include' });
  if (!res.ok) {
    throw new Error(`profile failed (${res.status})`);
  }
  return res.json();
}

export default function ProfilePanel({ id }: { id: string }) {
  const [name, setName] = useState('');
  useEffect(() => {
    loadProfile(id).then(setName.bind(null, ''));
  }, [id]);

  async function refresh() {
    const profile = await loadProfile(id);
    console.log('profile loaded', profile);
    setName(profile.displayName);
  }

  return <button onClick={refresh}>{name}</button>;
}
