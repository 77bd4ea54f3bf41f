// The top bar's Submit… and Settings buttons. The dialogs load on first use
// (their own chunk), so a first visit does not pay for them.
export function wireSubmit(app) {
  const failed = (e) => app.toast(`Could not open the dialog: ${e.message}`, 'error');
  document.getElementById('btn-submit').addEventListener('click', () => {
    import('./panel.js').then((m) => m.openSubmit(app), failed);
  });
  document.getElementById('btn-settings').addEventListener('click', () => {
    import('./settings_dialog.js').then((m) => m.openSettings(app), failed);
  });
}
