import type { TEnvironment } from './types';

/** The browser's network and visibility, for the realtime client. */
export const browserEnvironment: TEnvironment = {
  isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine),
  isHidden: () => (typeof document === 'undefined' ? false : document.visibilityState === 'hidden'),
  onChange(callback) {
    if (typeof window === 'undefined') return () => {};
    window.addEventListener('online', callback);
    window.addEventListener('offline', callback);
    document.addEventListener('visibilitychange', callback);
    return () => {
      window.removeEventListener('online', callback);
      window.removeEventListener('offline', callback);
      document.removeEventListener('visibilitychange', callback);
    };
  },
};
