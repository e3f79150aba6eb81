import { useState } from 'react';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';

const cognito = new CognitoIdentityProviderClient({ region: import.meta.env.VITE_REGION });

function toBase64(segment) {
  return segment.replace(/-/g, '+').replace(/_/g, '/');
}

export default function DockScanner({ clientId }) {
  const [name, setName] = useState('');

  async function signIn(badge, pin) {
    const out = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: badge, PASSWORD: pin } }));
    const auth = out.AuthenticationResult;
    // the payload is only read for the greeting; the API decides what the badge may do
    const profile = JSON.parse(atob(toBase64(auth.IdToken.split('.')[1])));
    setName(profile.name);
  }

  return <button onClick={() => signIn('b-1', '0000')}>{name || 'Sign in'}</button>;
}
