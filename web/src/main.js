// Entry point of the editor page (index.html).
import { App } from './edit/app.js';
import { wireSubmit } from './submit/wire.js';

const app = new App();
wireSubmit(app);
app.start().catch((e) => {
  console.error(e);
  const b = document.getElementById('banner');
  b.textContent = `The page failed to start: ${e && e.message ? e.message : e}`;
  b.hidden = false;
});
// For tests and debugging from the console; holds no secrets.
window.kfpPlayground = app;
