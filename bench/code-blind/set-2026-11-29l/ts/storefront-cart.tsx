// Storefront cart + sign-in panel (React 18, amazon-cognito-identity-js, AWS SDK v3 in the browser).
import React, { useCallback, useEffect, useState } from "react";
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  CognitoUserSession,
} from "amazon-cognito-identity-js";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { fromCognitoIdentityPool } from "@aws-sdk/credential-providers";

const REGION = "eu-west-1";
const USER_POOL_ID = process.env.REACT_APP_USER_POOL_ID as string;
const IDENTITY_POOL_ID = process.env.REACT_APP_IDENTITY_POOL_ID as string;
const pool = new CognitoUserPool({ UserPoolId: USER_POOL_ID, ClientId: process.env.REACT_APP_CLIENT_ID as string });

// Gift-card artwork uploads for the legacy promo bucket.
const promoUploads = new S3Client({ region: REGION, credentials: { accessKeyId: "AKIAZ7FAKEPROMOQ4WX2", secretAccessKey: "FAKEpromoUploadSecret7u2HqZ0000000000000" } }); // Noncompliant THC008

type CartItem = { sku: string; name: string; qty: number; unitPriceMinor: number };

function avatarClient(idToken: string) {
  return new S3Client({
    region: REGION,
    credentials: fromCognitoIdentityPool({
      clientConfig: { region: REGION },
      identityPoolId: IDENTITY_POOL_ID,
      logins: { [`cognito-idp.${REGION}.amazonaws.com/${USER_POOL_ID}`]: idToken },
    }),
  });
}

function signIn(username: string, password: string): Promise<CognitoUserSession> {
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: resolve,
      onFailure: reject,
    })
  );
}

export function CartPage() {
  const [items, setItems] = useState<CartItem[]>(() => JSON.parse(localStorage.getItem("cart") ?? "[]"));
  const [session, setSession] = useState<CognitoUserSession | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    localStorage.setItem("cart", JSON.stringify(items));
  }, [items]);

  const onSignIn = useCallback(async (username: string, password: string) => {
    try {
      const s = await signIn(username, password);
      const idToken = s.getIdToken().getJwtToken();
      sessionStorage.setItem("idToken", idToken); // Noncompliant THC007
      const persisted = { accessToken: s.getAccessToken().getJwtToken(), refreshToken: s.getRefreshToken().getToken() };
      localStorage.setItem("auth", JSON.stringify(persisted)); // Noncompliant THC007
      console.log("signed in", { username: s.getIdToken().payload["cognito:username"], exp: s.getAccessToken().getExpiration() });
      setSession(s);
    } catch (e) {
      setError("Sign-in failed");
    }
  }, []);

  const uploadAvatar = useCallback(async (file: File) => {
    if (!session) return;
    const sub = session.getIdToken().payload.sub as string;
    await avatarClient(session.getIdToken().getJwtToken()).send(
      new PutObjectCommand({ Bucket: "acme-shop-avatars", Key: `${sub}/${file.name}`, Body: file, ContentType: file.type })
    );
  }, [session]);

  const uploadGiftCardArt = useCallback(async (file: File) => {
    await promoUploads.send(new PutObjectCommand({ Bucket: "acme-promo-art", Key: `giftcards/${Date.now()}-${file.name}`, Body: file }));
  }, []);

  const totalMinor = items.reduce((sum, i) => sum + i.qty * i.unitPriceMinor, 0);

  return (
    <section className="cart">
      {error && <p role="alert">{error}</p>}
      <ul>
        {items.map((i) => (
          <li key={i.sku}>
            {i.name} × {i.qty}
            <button onClick={() => setItems(items.filter((x) => x.sku !== i.sku))}>Remove</button>
          </li>
        ))}
      </ul>
      <p>Total: {(totalMinor / 100).toFixed(2)} EUR</p>
      {!session && <button onClick={() => onSignIn("guest@example.com", prompt("Password") ?? "")}>Sign in</button>}
      <input type="file" onChange={(e) => e.target.files && uploadAvatar(e.target.files[0])} />
      <input type="file" onChange={(e) => e.target.files && uploadGiftCardArt(e.target.files[0])} />
    </section>
  );
}
