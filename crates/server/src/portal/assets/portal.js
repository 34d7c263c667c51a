// The portal's progressive JavaScript. Every page works without it; with it, the focus goes to
// what a form's answer says, removals ask first, and countries and dates read in the page's
// language.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const lang = document.documentElement.lang || 'en';

  // After a change or a refusal, the keyboard and the screen reader start at what happened: the
  // first field in error, else the alert, else the confirmation.
  const target = document.querySelector('[aria-invalid="true"]') || document.querySelector('main .error, main .flash');
  if (target) {
    if (!target.matches('input, select, textarea, button, a')) target.tabIndex = -1;
    target.focus();
  }

  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  let regions = null;
  try {
    regions = new Intl.DisplayNames([lang], { type: 'region' });
  } catch (_) {
    regions = null;
  }
  if (regions) {
    const name = (code) => {
      try {
        return regions.of(code) || code;
      } catch (_) {
        return code;
      }
    };
    for (const span of document.querySelectorAll('[data-country]')) {
      span.title = span.dataset.country;
      span.textContent = name(span.dataset.country);
    }
    for (const select of document.querySelectorAll('select[data-country-names]')) {
      const options = Array.from(select.options).filter((o) => o.value);
      for (const option of options) option.textContent = name(option.value);
      const collator = new Intl.Collator(lang);
      options.sort((a, b) => collator.compare(a.textContent, b.textContent));
      for (const option of options) select.appendChild(option);
    }
  }

  for (const time of document.querySelectorAll('time[datetime]')) {
    const date = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(date.getTime())) time.textContent = date.toLocaleDateString(lang, { dateStyle: 'medium' });
  }
});
