import { api, millisSinceLastRequest } from './api';
import { signOut } from './auth';

// Client-side idle logoff mirrors the server's idle timeout so an unattended screen is cleared
// promptly, not only on the next request.
const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;

export function startIdleTimer(timeoutSeconds: number): () => void {
  const timeoutMs = Math.max(timeoutSeconds, 30) * 1000;
  let lastActivity = Date.now();
  let pinging = false;

  const onActivity = () => {
    lastActivity = Date.now();
    // Activity that causes no API calls (typing a long form) must still keep the server session alive.
    if (!pinging && millisSinceLastRequest() > timeoutMs / 3) {
      pinging = true;
      api
        .get('/api/v1/auth/session')
        .catch(() => undefined)
        .finally(() => {
          pinging = false;
        });
    }
  };

  const timer = window.setInterval(() => {
    if (Date.now() - lastActivity >= timeoutMs) {
      stop();
      void signOut('expired');
    }
  }, 5000);

  function stop() {
    window.clearInterval(timer);
    activityEvents.forEach((ev) => window.removeEventListener(ev, onActivity));
  }

  activityEvents.forEach((ev) => window.addEventListener(ev, onActivity, { passive: true }));
  return stop;
}
