// Browser session helpers: Cognito user pools (amazon-cognito-identity-js) and Firebase Auth.
import { CognitoUserPool } from "amazon-cognito-identity-js";
import { getAuth } from "firebase/auth";

const pool = new CognitoUserPool({ UserPoolId: "eu-west-1_Example1", ClientId: "4example5client6id7" });

export function refreshSession() {
  const current = pool.getCurrentUser();
  if (!current) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    current.getSession((err, session) => {
      if (err) return reject(err);
      const idTok = session.getIdToken().getJwtToken();
      console.debug("[auth] session refreshed, id token:", idTok); // Noncompliant
      console.debug("[auth] expires at", session.getIdToken().getExpiration());
      resolve(session);
    });
  });
}

export async function callApi(path) {
  const bearer = await getAuth().currentUser.getIdToken();
  console.info("calling", path, "as", bearer); // Noncompliant
  return fetch(path, { headers: { Authorization: `Bearer ${bearer}` } });
}
