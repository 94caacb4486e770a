// The uploads list on a publication's staff page, kept up to date while a file waits or is being read (issue
// 18): every 2 s the list is asked for again (data-jobs-url) and put in its place, until no upload is left
// to read. Without JavaScript the list offers a refresh link instead. An external file: the CSP allows no
// inline script.
(() => {
  const SECONDS = 2;
  let failures = 0;
  const tick = async () => {
    const list = document.getElementById('jobs');
    if (!list?.dataset.live || !list.dataset.jobsUrl) return;
    try {
      const r = await fetch(list.dataset.jobsUrl, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      const next = r.ok ? new DOMParser().parseFromString(await r.text(), 'text/html').getElementById('jobs') : null;
      if (next) {
        list.replaceWith(document.importNode(next, true));
        failures = 0;
      } else failures++;
    } catch {
      failures++;
    }
    if (failures < 5) setTimeout(tick, SECONDS * 1000);
  };
  setTimeout(tick, SECONDS * 1000);
})();
