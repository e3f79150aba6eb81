// A client SDK prints its debug token so that the developer can register it: anyone reading the console (or a log
// shipper that collects it) gets a token that passes App Check.
import { getDebugState } from './state';

export async function initializeDebugMode() {
  const debugState = getDebugState();
  const token = await debugState.token.promise;
  const message = `App Check debug token: ${token}. You will need to add it to your app's App Check settings.`;
  console.log(message); // Noncompliant
  const hint = `Debug mode is on (${debugState.enabled ? 'enabled' : 'disabled'}).`;
  console.log(hint);
}
