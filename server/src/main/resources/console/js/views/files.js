// Files behind the API (board xlsx/pdf/html): a plain link would not carry the bearer token, so the
// file is fetched with it and handed to the browser as a download. (Not opened in a tab: a blob page
// inherits the console's Content-Security-Policy, which would strip the board page's own styles.)
import {download, problemText} from './view-kit.js';

/** GET path with the session's token → Blob; throws an Error carrying the problem's detail. */
async function fetchBlob(ctx, path) {
  if (ctx.api.blob) return ctx.api.blob(path);
  const token = ctx.api.token ? ctx.api.token() : sessionStorage.getItem('tether.token');
  const res = await fetch(path, {headers: token ? {Authorization: 'Bearer ' + token} : {}});
  if (!res.ok) {
    let problem = {};
    try {
      problem = await res.json();
    } catch (ignored) { /* not JSON */ }
    const err = new Error(problem.detail || problem.title || `HTTP ${res.status}`);
    err.status = res.status;
    err.problem = problem;
    throw err;
  }
  return res.blob();
}

/** Downloads a file from the API; a failure is shown as the button's title (and struck through). */
export async function openFile(ctx, path, filename, button) {
  try {
    if (button) button.disabled = true;
    download(filename, await fetchBlob(ctx, path));
    if (button) {
      button.removeAttribute('title');
      button.classList.remove('vk-failed');
    }
  } catch (e) {
    if (button) {
      button.title = problemText(e);
      button.classList.add('vk-failed');
    }
  } finally {
    if (button) button.disabled = false;
  }
}
