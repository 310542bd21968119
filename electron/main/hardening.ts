import { app, type Session } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/**
 * App-wide rules for every web contents, present and future: no navigation away from our page, no
 * new windows, no <webview>, and every permission request (camera, notifications, ...) denied.
 */
export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => {
    // Why: a page that navigates elsewhere would keep our preload's API; our page never navigates.
    contents.on('will-navigate', (event, url) => {
      if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    // Why: window.open and target=_blank would open pages we do not control, with our session.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // Why: a <webview> could load any site with its own preferences.
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** Denies every permission request and check of a session: the studio needs none. */
export function denyPermissions(session: Session): void {
  // Why: camera, microphone, geolocation, notifications ... a script in the page must not get any.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
