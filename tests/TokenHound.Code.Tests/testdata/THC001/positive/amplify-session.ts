import { fetchAuthSession } from 'aws-amplify/auth';

// Amplify v6: fetchAuthSession() returns the user's tokens and AWS credentials
export async function cacheTokens(): Promise<string | undefined> {
  const session = await fetchAuthSession();
  const access = session.tokens?.accessToken?.toString();
  if (!access) return undefined;
  console.debug('amplify session tokens', session.tokens); // Noncompliant
  console.debug('signed in as', session.tokens?.idToken?.payload.email);
  return access;
}
