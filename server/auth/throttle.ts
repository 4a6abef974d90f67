import { DEFAULT_SIGN_IN_POLICY, SignInThrottle } from '../../lib/auth/throttle';

// One throttle per process, shared by the server and Next's bundled route handlers.
const KEY = Symbol.for('tropa.signInThrottle');
type Holder = { [KEY]?: SignInThrottle };

export function signInThrottle(): SignInThrottle {
  const g = globalThis as Holder;
  return (g[KEY] ??= new SignInThrottle(DEFAULT_SIGN_IN_POLICY));
}
