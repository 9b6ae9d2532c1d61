// Short notices in the corner (new alert, saved, session ended). Click to open when given a hash.
export function toast(text, kind, options) {
  const box = document.getElementById('toasts');
  if (!box) return;
  const item = document.createElement(options && options.href ? 'a' : 'div');
  item.className = 'toast toast-' + (kind || 'info');
  item.dataset.test = 'toast';
  item.textContent = text;
  if (options && options.href) item.href = options.href;
  box.append(item);
  const ms = (options && options.ms) || 8000;
  setTimeout(() => item.classList.add('leaving'), ms);
  setTimeout(() => item.remove(), ms + 400);
  return item;
}
