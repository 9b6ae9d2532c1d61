// Sign-in: user name and password against POST /api/session. A wrong password and a lock-out
// (429 after repeated failures, with Retry-After) are shown in words, never as a bare status code.
export async function render(root, ctx, params) {
  const { t, api, format } = ctx;
  root.classList.add('signin-page');
  const card = document.createElement('form');
  card.className = 'signin-card';
  card.dataset.test = 'signin-form';
  card.noValidate = true;

  const title = document.createElement('h1');
  title.textContent = t('signin.title');
  const subtitle = document.createElement('p');
  subtitle.className = 'muted';
  subtitle.textContent = t('signin.subtitle');

  const user = field('username', t('signin.username'), 'text', 'username');
  const pass = field('password', t('signin.password'), 'password', 'current-password');

  const error = document.createElement('p');
  error.className = 'form-error';
  error.dataset.test = 'signin-error';
  error.setAttribute('role', 'alert');
  error.hidden = true;

  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.className = 'primary wide';
  submit.dataset.test = 'signin-submit';
  submit.textContent = t('signin.submit');

  const note = document.createElement('p');
  note.className = 'fine-print';
  note.textContent = t('signin.note');

  card.append(title, subtitle, user.wrap, pass.wrap, error, submit, note);
  root.append(card);
  user.input.focus();

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  card.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const username = user.input.value.trim();
    const password = pass.input.value;
    if (!username || !password) {
      showError(t('signin.required'));
      return;
    }
    submit.disabled = true;
    submit.textContent = t('signin.busy');
    try {
      const answer = await api.post('/api/session', { username, password });
      await ctx.signedIn(answer, params.query && params.query.next);
    } catch (e) {
      submit.disabled = false;
      submit.textContent = t('signin.submit');
      if (e.status === 429) {
        const seconds = Number(e.retryAfter);
        const until = Number.isFinite(seconds) && seconds > 0
          ? t('signin.lockedUntil', { time: format.time(new Date(Date.now() + seconds * 1000)) }) : '';
        showError(t('signin.locked', { detail: until }));
        error.dataset.reason = 'locked';
      } else if (e.status === 401) {
        showError(t('signin.wrong'));
        error.dataset.reason = 'wrong';
        pass.input.value = '';
        pass.input.focus();
      } else if (e.status === 0) {
        showError(t('signin.network'));
        error.dataset.reason = 'network';
      } else {
        showError(t('shell.error', { detail: e.detail }));
        error.dataset.reason = 'other';
      }
    }
  });
}

function field(name, labelText, type, autocomplete) {
  const wrap = document.createElement('label');
  wrap.className = 'field';
  const span = document.createElement('span');
  span.textContent = labelText;
  const input = document.createElement('input');
  input.type = type;
  input.name = name;
  input.autocomplete = autocomplete;
  input.dataset.test = 'signin-' + name;
  wrap.append(span, input);
  return { wrap, input };
}
